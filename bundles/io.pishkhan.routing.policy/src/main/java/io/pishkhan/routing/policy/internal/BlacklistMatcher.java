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
import java.util.regex.Pattern;

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
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** A glob with its rank; {@code glob} is null when the bucket key alone decides ({@code abc*}, {@code *abc}). */
    private record RankedGlob(Glob glob, int rank) {
    }

    /**
     * Exact values and globs of one kind. A glob with a literal head ({@code 98912*}, {@code bot-*-x}) sits in a
     * bucket under that head, one with only a literal tail ({@code *@spam.example}) under its tail; a lookup takes
     * one substring per distinct head or tail length and tries only the globs of the matching bucket. Only globs
     * without head and tail ({@code *spam*}) are tried one by one.
     */
    private static final class Table {
        final Map<String, Integer> exact = new HashMap<>();
        final Map<Integer, Map<String, List<RankedGlob>>> byHead = new TreeMap<>();
        final Map<Integer, Map<String, List<RankedGlob>>> byTail = new TreeMap<>();
        final List<RankedGlob> floating = new ArrayList<>();

        /** Called in rank order, so every list stays sorted by rank. */
        void add(String key, Glob glob, int rank) {
            if (glob == null) {
                exact.merge(key, rank, Math::min);
                return;
            }
            String head = key.substring(0, key.indexOf('*'));
            String tail = key.substring(key.lastIndexOf('*') + 1);
            if (!head.isEmpty()) {
                bucket(byHead, head).add(new RankedGlob(key.equals(head + "*") ? null : glob, rank));
            } else if (!tail.isEmpty()) {
                bucket(byTail, tail).add(new RankedGlob(key.equals("*" + tail) ? null : glob, rank));
            } else {
                floating.add(new RankedGlob(glob, rank));
            }
        }

        private static List<RankedGlob> bucket(Map<Integer, Map<String, List<RankedGlob>>> index, String literal) {
            return index.computeIfAbsent(literal.length(), n -> new HashMap<>())
                    .computeIfAbsent(literal, l -> new ArrayList<>());
        }

        int best(String value, int best) {
            if (value == null) {
                return best;
            }
            Integer exactRank = exact.get(value);
            if (exactRank != null && exactRank < best) {
                best = exactRank;
            }
            for (Map.Entry<Integer, Map<String, List<RankedGlob>>> e : byHead.entrySet()) {
                if (e.getKey() > value.length()) {
                    break;
                }
                best = first(e.getValue().get(value.substring(0, e.getKey())), value, best);
            }
            for (Map.Entry<Integer, Map<String, List<RankedGlob>>> e : byTail.entrySet()) {
                if (e.getKey() > value.length()) {
                    break;
                }
                best = first(e.getValue().get(value.substring(value.length() - e.getKey())), value, best);
            }
            return first(floating, value, best);
        }

        /** The rank of the first glob of a rank-ordered list that matches and beats {@code best}. */
        private static int first(List<RankedGlob> globs, String value, int best) {
            if (globs == null) {
                return best;
            }
            for (RankedGlob g : globs) {
                if (g.rank() >= best) {
                    break;
                }
                if (g.glob() == null || g.glob().matches(value)) {
                    return g.rank();
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

    /** An entry with its pattern parsed once: a normalised key (exact or glob) or, for kind ip, a block. */
    record Compiled(BlacklistEntry entry, String kind, String key, Glob glob, IpAddress.Block block) {
        /** Compiles a valid entry; one with problems (see {@link #validate}) must not be passed. */
        static Compiled of(BlacklistEntry e) {
            String kind = BlacklistMatcher.kind(e);
            if (IP.equals(kind)) {
                return new Compiled(e, kind, null, null, IpAddress.parseBlock(e.pattern()));
            }
            String key = BlacklistMatcher.key(kind, e.pattern());
            return new Compiled(e, kind, key, Glob.isGlob(key) ? new Glob(key) : null, null);
        }
    }

    /** {@link #ORDER} on compiled entries. */
    static final Comparator<Compiled> COMPILED_ORDER = Comparator.comparing(Compiled::entry, ORDER);

    /** Builds the lookups from compiled entries that are already in {@link #COMPILED_ORDER}. */
    BlacklistMatcher(Iterable<Compiled> sorted) {
        List<BlacklistEntry> list = new ArrayList<>();
        for (String kind : KINDS) {
            tables.put(kind, new Table());
        }
        int rank = 0;
        for (Compiled c : sorted) {
            list.add(c.entry());
            if (c.block() != null) {
                IpAddress.Block b = c.block();
                (b.network().width() == 32 ? v4 : v6).computeIfAbsent(b.prefix(), p -> new HashMap<>())
                        .merge(b.network(), rank, Math::min);
            } else {
                tables.get(c.kind()).add(c.key(), c.glob(), rank);
            }
            rank++;
        }
        this.entries = List.copyOf(list);
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
                if (!Glob.isGlob(key) && !EMAIL_ADDRESS.matcher(key).matches()) {
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
