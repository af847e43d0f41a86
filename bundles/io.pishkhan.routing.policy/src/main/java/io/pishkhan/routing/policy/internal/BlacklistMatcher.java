package io.pishkhan.routing.policy.internal;

import io.pishkhan.api.routing.BlacklistEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Blacklist entries compiled for lookups: per kind a hash map of exact (normalised) values and a list of globs,
 * and for IP blocks one hash map per prefix length. Every entry has a rank, its place in {@link #ORDER}; a lookup
 * returns the matching entry with the lowest rank, so the answer does not depend on which kind matched first.
 * Immutable, hence thread-safe.
 */
final class BlacklistMatcher {
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String IP = "ip";
    static final String TOKEN = "token";
    static final String ADDRESS = "address";
    static final List<String> KINDS = List.of(PHONE, EMAIL, IP, TOKEN, ADDRESS);
    /** Channels whose address is a phone number. */
    static final Set<String> PHONE_CHANNELS = Set.of("sms", "voice", "whatsapp");
    static final String EMAIL_CHANNEL = "email";

    /** Match order: BLOCK before LOW_PRIORITY, then the oldest entry, then by id. */
    static final Comparator<BlacklistEntry> ORDER = Comparator.comparing(BlacklistEntry::action)
            .thenComparing(BlacklistEntry::createdAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(BlacklistEntry::id, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private static final int NONE = Integer.MAX_VALUE;

    /** Exact values and globs of one kind. */
    private static final class Table {
        final Map<String, Integer> exact = new HashMap<>();
        final List<Glob> globs = new ArrayList<>();
        final List<Integer> globRanks = new ArrayList<>();

        void add(String key, int rank) {
            if (Glob.isGlob(key)) {
                globs.add(new Glob(key));
                globRanks.add(rank);
            } else {
                exact.merge(key, rank, Math::min);
            }
        }

        int best(String value, int best) {
            if (value == null) {
                return best;
            }
            Integer r = exact.get(value);
            if (r != null && r < best) {
                best = r;
            }
            // globs are in rank order: stop at the first that cannot beat what was found
            for (int i = 0; i < globs.size() && globRanks.get(i) < best; i++) {
                if (globs.get(i).matches(value)) {
                    return globRanks.get(i);
                }
            }
            return best;
        }
    }

    private final List<BlacklistEntry> entries;
    private final Map<String, Table> tables = new HashMap<>();
    /** Prefix length to network to rank, IPv4 and IPv6 apart. */
    private final Map<Integer, Map<IpAddress.Value, Integer>> v4 = new TreeMap<>();
    private final Map<Integer, Map<IpAddress.Value, Integer>> v6 = new TreeMap<>();

    /** Compiles valid entries; an entry with problems (see {@link #validate}) must not be passed. */
    BlacklistMatcher(List<BlacklistEntry> valid) {
        this.entries = valid.stream().sorted(ORDER).toList();
        for (String kind : KINDS) {
            tables.put(kind, new Table());
        }
        for (int rank = 0; rank < entries.size(); rank++) {
            BlacklistEntry e = entries.get(rank);
            String kind = kind(e);
            if (IP.equals(kind)) {
                IpAddress.Block b = IpAddress.parseBlock(e.pattern());
                (b.network().width() == 32 ? v4 : v6).computeIfAbsent(b.prefix(), p -> new HashMap<>())
                        .merge(b.network(), rank, Math::min);
            } else {
                tables.get(kind).add(key(kind, e.pattern()), rank);
            }
        }
    }

    List<BlacklistEntry> entries() {
        return entries;
    }

    static String kind(BlacklistEntry e) {
        return e.kind().strip().toLowerCase(Locale.ROOT);
    }

    /** The normalised pattern of a kind other than ip; null when it cannot be normalised. */
    static String key(String kind, String pattern) {
        return switch (kind) {
            case PHONE -> Normalize.phonePattern(pattern);
            case EMAIL -> Normalize.email(pattern);
            default -> Normalize.text(pattern);
        };
    }

    /** Problems of an entry, each naming the pattern; empty when it can be compiled. */
    static List<String> validate(BlacklistEntry e) {
        List<String> problems = new ArrayList<>();
        String kind = kind(e);
        String pattern = e.pattern().strip();
        String where = kind + " " + pattern;
        if (!KINDS.contains(kind)) {
            problems.add("kind " + e.kind() + ": must be one of " + String.join(", ", KINDS));
            return problems;
        }
        if (pattern.isEmpty()) {
            problems.add(kind + ": pattern required");
            return problems;
        }
        if (Glob.isGlob(pattern) && pattern.replace("*", "").isBlank()) {
            problems.add(where + ": a pattern of only * would match everyone");
            return problems;
        }
        switch (kind) {
            case IP -> {
                if (Glob.isGlob(pattern)) {
                    problems.add(where + ": write IP ranges as CIDR blocks (10.0.0.0/8), not with *");
                } else {
                    try {
                        IpAddress.parseBlock(pattern);
                    } catch (IllegalArgumentException ex) {
                        problems.add(where + ": " + ex.getMessage());
                    }
                }
            }
            case TOKEN -> {
                if (Glob.isGlob(pattern)) {
                    problems.add(where + ": tokens match exactly, * is not allowed");
                }
            }
            case PHONE -> {
                String key = Normalize.phonePattern(pattern);
                if (key == null) {
                    problems.add(where + ": only digits, a leading +, spaces, dashes and * are allowed");
                } else if (key.replace("*", "").isEmpty()) {
                    problems.add(where + ": a pattern of only * would match everyone");
                }
            }
            case EMAIL -> {
                String key = Normalize.email(pattern);
                if (!Glob.isGlob(key) && !key.matches("[^@\\s]+@[^@\\s]+")) {
                    problems.add(where + ": not an email address (use * for a pattern, e.g. *@spam.example)");
                }
            }
            default -> {
                // address: any text
            }
        }
        if (e.action() == BlacklistEntry.Action.LOW_PRIORITY && (e.queueId() == null || e.queueId().isBlank())) {
            problems.add(where + ": LOW_PRIORITY needs the queue it sends to");
        }
        return problems;
    }

    /** The first entry (in {@link #ORDER}) that the sender matches. */
    Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes) {
        int best = NONE;
        best = tables.get(ADDRESS).best(Normalize.text(address), best);
        String ch = channel == null ? "" : channel.strip().toLowerCase(Locale.ROOT);
        if (EMAIL_CHANNEL.equals(ch)) {
            best = tables.get(EMAIL).best(Normalize.email(address), best);
        } else if (PHONE_CHANNELS.contains(ch)) {
            best = tables.get(PHONE).best(Normalize.phone(address), best);
        }
        if (attributes != null && !attributes.isEmpty()) {
            best = tables.get(EMAIL).best(Normalize.email(attributes.get(EMAIL)), best);
            best = tables.get(PHONE).best(Normalize.phone(attributes.get(PHONE)), best);
            best = tables.get(TOKEN).best(Normalize.text(attributes.get(TOKEN)), best);
            best = ip(IpAddress.parse(attributes.get(IP)), best);
        }
        return best == NONE ? Optional.empty() : Optional.of(entries.get(best));
    }

    private int ip(IpAddress.Value address, int best) {
        if (address == null) {
            return best;
        }
        for (Map.Entry<Integer, Map<IpAddress.Value, Integer>> byPrefix : (address.width() == 32 ? v4 : v6)
                .entrySet()) {
            Integer r = byPrefix.getValue().get(address.masked(byPrefix.getKey()));
            if (r != null && r < best) {
                best = r;
            }
        }
        return best;
    }
}
