package io.pishkhan.console.internal.logic;

import io.pishkhan.api.analytics.Wallboard;
import io.pishkhan.api.model.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The wallboard's tiles computed from an {@link Wallboard} snapshot: per queue the waiting count, the longest wait
 * (advanced to "now" between snapshots, so it ticks each second), agents available and today's service level
 * against the queue's target with a colour:
 * <ul>
 * <li>{@link Level#GOOD} (green): at or above the target;</li>
 * <li>{@link Level#WARN} (amber): less than 10 points below the target;</li>
 * <li>{@link Level#BAD} (red): 10 points or more below;</li>
 * <li>{@link Level#NONE} (grey): nothing answered or abandoned yet today.</li>
 * </ul>
 * The longest-wait figure turns {@link Level#WARN} once it passes the queue's answer target (slaSeconds) and
 * {@link Level#BAD} past three times the target.
 */
public final class WallboardTiles {
    public enum Level {
        GOOD, WARN, BAD, NONE
    }

    /** One queue tile; {@code longestWaitSeconds} as of the snapshot (see {@link #longestWaitAt}). */
    public record Tile(String queueId, String name, int waiting, long longestWaitSeconds, Instant snapshotAt,
            int agentsAvailable, Double serviceLevel, int targetPercent, int targetSeconds, long answeredToday,
            long abandonedToday) {
        /** The longest wait at {@code now}: the snapshot's figure plus the time since, 0 when nobody waits. */
        public long longestWaitAt(Instant now) {
            if (waiting <= 0) {
                return 0;
            }
            long since = snapshotAt == null ? 0 : Math.max(0, Duration.between(snapshotAt, now).getSeconds());
            return longestWaitSeconds + since;
        }

        public Level serviceLevelLevel() {
            return level(serviceLevel, targetPercent);
        }

        public Level waitLevel(Instant now) {
            long w = longestWaitAt(now);
            if (waiting <= 0) {
                return Level.GOOD;
            }
            if (targetSeconds <= 0) {
                return Level.NONE;
            }
            return w <= targetSeconds ? Level.GOOD : w <= 3L * targetSeconds ? Level.WARN : Level.BAD;
        }
    }

    private WallboardTiles() {
    }

    /** Tiles in the snapshot's queue order; a queue the directory does not know gets the default 80 % in 20 s. */
    public static List<Tile> tiles(Wallboard w, Function<String, java.util.Optional<Queue>> directory) {
        List<Tile> out = new ArrayList<>();
        for (Wallboard.QueueLine q : w.queues()) {
            java.util.Optional<Queue> dq = directory.apply(q.queueId());
            int pct = dq.map(Queue::slaPercent).orElse(80);
            int secs = dq.map(Queue::slaSeconds).orElse(20);
            out.add(new Tile(q.queueId(), q.name() == null ? q.queueId() : q.name(), q.waiting(),
                    q.longestWaitSeconds(), w.at(), q.agentsAvailable(), q.serviceLevelToday(), pct, secs,
                    q.answeredToday(), q.abandonedToday()));
        }
        return out;
    }

    /** Service level (0-1, null = none) against a target in percent. */
    public static Level level(Double serviceLevel, int targetPercent) {
        if (serviceLevel == null || serviceLevel.isNaN()) {
            return Level.NONE;
        }
        double pct = serviceLevel * 100;
        if (pct + 1e-9 >= targetPercent) {
            return Level.GOOD;
        }
        return pct > targetPercent - 10 ? Level.WARN : Level.BAD;
    }

    /** CSS colour of a level (Lumo-like green, amber, red, grey). */
    public static String colour(Level l) {
        return switch (l) {
            case GOOD -> "#1e8e3e";
            case WARN -> "#e37400";
            case BAD -> "#d93025";
            case NONE -> "#80868b";
        };
    }

    /** "85%" / "۸۵٪", a dash when none. */
    public static String percent(Double share, boolean persian) {
        if (share == null || share.isNaN()) {
            return "—";
        }
        String s = Math.round(share * 100) + "%";
        return persian ? Dates.persianDigits(s).replace("%", "٪") : s;
    }

    public static String number(long n, boolean persian) {
        String s = Long.toString(n);
        return persian ? Dates.persianDigits(s) : s;
    }

    /** The wait as m:ss (h:mm:ss past an hour), Persian digits in Persian. */
    public static String waitText(long seconds, boolean persian) {
        String s = KpiText.duration(seconds);
        return persian ? Dates.persianDigits(s) : s;
    }

    /** Agents by state in a fixed order: AVAILABLE, BUSY, AWAY, OFFLINE, then any other state the service reports. */
    public static List<java.util.Map.Entry<String, Integer>> agentStates(Wallboard w) {
        List<java.util.Map.Entry<String, Integer>> out = new ArrayList<>();
        List<String> order = List.of("AVAILABLE", "BUSY", "AWAY", "OFFLINE");
        for (String s : order) {
            out.add(java.util.Map.entry(s, w.agentsByState().getOrDefault(s, 0)));
        }
        w.agentsByState().keySet().stream().filter(k -> !order.contains(k)).sorted()
                .forEach(k -> out.add(java.util.Map.entry(k, w.agentsByState().get(k))));
        return out;
    }
}
