package io.pishkhan.routing.skills.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of {@link SkillsStrategy}, as plain values (no OSGi needed: the simulator and the benchmarks build it
 * directly). The OSGi configuration {@value SkillsStrategyComponent#PID} is read into one of these.
 *
 * @param widening             when and by how much the required skill levels relax, in ascending order of time
 *                             (empty: never)
 * @param tieBreak             what decides between agents of equal proficiency first
 * @param agingPerMinute       priority a waiting conversation gains per minute waited (0: no aging)
 * @param agingMax             the most priority aging may add ({@code 0}: no limit)
 * @param stickyWindowDays     a customer served within this many days goes back to the same agent first
 *                             ({@code 0}: no sticky routing)
 * @param stickyTimeoutSeconds how long a conversation waits for its previous agent when he has no free capacity or
 *                             is not available ({@code 0}: never wait, take him only if he is free)
 */
public record SkillsConfig(List<Widening> widening, TieBreak tieBreak, double agingPerMinute, double agingMax,
        int stickyWindowDays, int stickyTimeoutSeconds) {

    public static final String DEFAULT_WIDENING = "30:1,60:2,120:10";
    public static final double DEFAULT_AGING_PER_MINUTE = 1.0;
    public static final double DEFAULT_AGING_MAX = 0;
    public static final int DEFAULT_STICKY_WINDOW_DAYS = 30;
    public static final int DEFAULT_STICKY_TIMEOUT_SECONDS = 20;

    /**
     * One widening step: once a conversation has waited {@code afterSeconds}, every required skill level is lowered
     * by {@code levels}. A level that drops to 0 or below no longer requires the skill at all.
     */
    public record Widening(long afterSeconds, int levels) {
        public Widening {
            if (afterSeconds < 0) {
                throw new IllegalArgumentException("widening time must be >= 0 seconds, got " + afterSeconds);
            }
            if (levels < 1) {
                throw new IllegalArgumentException("widening must lower levels by >= 1, got " + levels);
            }
        }

        @Override
        public String toString() {
            return afterSeconds + ":" + levels;
        }
    }

    /** Second and third criterion after proficiency (the last one is always the agent id). */
    public enum TieBreak {
        /** Lowest load ratio {@code active / capacity} first, then longest idle. */
        LEAST_BUSY("least-busy"),
        /** Longest idle (oldest last assignment, never assigned first) first, then lowest load ratio. */
        LONGEST_IDLE("longest-idle");

        private final String id;

        TieBreak(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** {@code least-busy} or {@code longest-idle} (case and {@code _} / {@code -} do not matter). */
        public static TieBreak of(String id) {
            String s = id == null ? "" : id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (TieBreak t : values()) {
                if (t.id.equals(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("tieBreak must be least-busy or longest-idle, got '" + id + "'");
        }
    }

    public SkillsConfig {
        Objects.requireNonNull(tieBreak, "tieBreak");
        widening = widening.stream().sorted(Comparator.comparingLong(Widening::afterSeconds)).toList();
        if (!(agingPerMinute >= 0) || Double.isInfinite(agingPerMinute)) {
            throw new IllegalArgumentException("agingPerMinute must be a finite number >= 0, got " + agingPerMinute);
        }
        if (!(agingMax >= 0) || Double.isInfinite(agingMax)) {
            throw new IllegalArgumentException("agingMax must be a finite number >= 0 (0: no limit), got "
                    + agingMax);
        }
        if (stickyWindowDays < 0) {
            throw new IllegalArgumentException("stickyWindowDays must be >= 0, got " + stickyWindowDays);
        }
        if (stickyTimeoutSeconds < 0) {
            throw new IllegalArgumentException("stickyTimeoutSeconds must be >= 0, got " + stickyTimeoutSeconds);
        }
    }

    /** The defaults: widening {@value #DEFAULT_WIDENING}, least busy, aging 1 per minute without limit, sticky for
     * 30 days with a 20 s wait. */
    public static SkillsConfig defaults() {
        return new SkillsConfig(parseWidening(DEFAULT_WIDENING), TieBreak.LEAST_BUSY, DEFAULT_AGING_PER_MINUTE,
                DEFAULT_AGING_MAX, DEFAULT_STICKY_WINDOW_DAYS, DEFAULT_STICKY_TIMEOUT_SECONDS);
    }

    /**
     * Parses {@code seconds:levels} steps separated by commas, e.g. {@code 30:1,60:2,120:10}; blank means no
     * widening.
     *
     * @throws IllegalArgumentException on a malformed step
     */
    public static List<Widening> parseWidening(String spec) {
        List<Widening> steps = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return steps;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                steps.add(parseStep(p));
            }
        }
        return steps;
    }

    /** Parses one {@code seconds:levels} step. */
    static Widening parseStep(String step) {
        int colon = step.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("widening step '" + step + "' is not seconds:levels");
        }
        try {
            return new Widening(Long.parseLong(step.substring(0, colon).strip()),
                    Integer.parseInt(step.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("widening step '" + step + "' is not seconds:levels", e);
        }
    }

    /** The widening steps in the configuration's notation, e.g. {@code 30:1,60:2,120:10}. */
    public String wideningSpec() {
        StringBuilder b = new StringBuilder();
        for (Widening w : widening) {
            b.append(b.isEmpty() ? "" : ",").append(w);
        }
        return b.toString();
    }

    public SkillsConfig withWidening(String spec) {
        return new SkillsConfig(parseWidening(spec), tieBreak, agingPerMinute, agingMax, stickyWindowDays,
                stickyTimeoutSeconds);
    }

    public SkillsConfig withTieBreak(TieBreak t) {
        return new SkillsConfig(widening, t, agingPerMinute, agingMax, stickyWindowDays, stickyTimeoutSeconds);
    }

    public SkillsConfig withAging(double perMinute, double max) {
        return new SkillsConfig(widening, tieBreak, perMinute, max, stickyWindowDays, stickyTimeoutSeconds);
    }

    public SkillsConfig withSticky(int windowDays, int timeoutSeconds) {
        return new SkillsConfig(widening, tieBreak, agingPerMinute, agingMax, windowDays, timeoutSeconds);
    }
}
