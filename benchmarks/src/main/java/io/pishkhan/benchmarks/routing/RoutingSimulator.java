package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RoutingStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Routing simulator: runs the real routing strategies in a discrete-event simulation ({@link Simulation}) and prints
 * Markdown tables.
 *
 * <ul>
 * <li>Scenario {@code erlang}: one queue, one skill, N identical agents of capacity 1; measured ASA and service level
 * against Erlang C, per strategy and offered load.</li>
 * <li>Scenario {@code multiskill}: three skills (cards, loans, lang-en) with different arrival shares, agents with
 * different skill sets and proficiencies; handling takes {@code slowFactor} times longer when the agent misses the
 * required level. Skills routing against least busy and round robin.</li>
 * </ul>
 * Run {@code --help} for the flags.
 */
public final class RoutingSimulator {
    static final String USAGE = """
            Usage: RoutingSimulator [flags]
              --scenario S       erlang, multiskill or all (default all)
              --strategies L     comma list of skills, least-busy, round-robin (default all three)
              --arrivals N       arrivals per run, warm-up included, both scenarios (default: erlang
                                 1000000, multiskill 400000; heavy load needs long runs for +-5 %)
              --warmup N         arrivals discarded at the start (default 20000)
              --seed S           random seed (default 42)
              --agents N         erlang: agents (default 10)
              --loads L          erlang: offered loads in Erlangs (default 7,8,9)
              --aht S            mean handling time, seconds (default 180)
              --sl T             service-level threshold, seconds (default 20)
              --ms-loads L       multiskill: offered loads in Erlangs at nominal AHT (default 7,8)
              --slow F           multiskill: handling-time factor below the required level (default 1.5)
              --tick S           multiskill: extra dispatch round every S simulated seconds (default 5; 0: none)
              --widening W       multiskill: widening of the skills strategy (default: its own default);
                                 'none' disables it. A second run 'skills, no widening' is always added.
              --out FILE         also write the Markdown here (default target/routing-sim.md)
            """;

    private RoutingSimulator() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.print(USAGE);
                return;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.print("bad argument " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        String scenario = o.getOrDefault("scenario", "all");
        List<String> strategies = List.of(o.getOrDefault("strategies", String.join(",", Strategies.ALL)).split(","));
        int erlangArrivals = Integer.parseInt(o.getOrDefault("arrivals", "1000000"));
        int multiSkillArrivals = Integer.parseInt(o.getOrDefault("arrivals", "400000"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        double aht = Double.parseDouble(o.getOrDefault("aht", "180"));
        double sl = Double.parseDouble(o.getOrDefault("sl", "20"));
        Path out = Path.of(o.getOrDefault("out", "target/routing-sim.md"));

        StringBuilder md = new StringBuilder();
        md.append("# Routing simulation\n\n");
        md.append(String.format(Locale.ROOT, "%s, Java %s, %d cores. First %,d arrivals of each run discarded, "
                + "seed %d. ± is the 95 %% confidence half-width (20 batch means). run (s) is the wall time of one "
                + "simulation run.%n%n", Instant.now(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), warmup, seed));
        if (scenario.equals("all") || scenario.equals("erlang")) {
            int n = Integer.parseInt(o.getOrDefault("agents", "10"));
            double[] loads = doubles(o.getOrDefault("loads", "7,8,9"));
            erlang(md, strategies, n, loads, aht, sl, erlangArrivals, warmup, seed);
        }
        if (scenario.equals("all") || scenario.equals("multiskill")) {
            double[] loads = doubles(o.getOrDefault("ms-loads", "7,8"));
            double slow = Double.parseDouble(o.getOrDefault("slow", "1.5"));
            double tick = Double.parseDouble(o.getOrDefault("tick", "5"));
            String widening = o.get("widening");
            multiSkill(md, strategies, loads, aht, sl, slow, tick, widening, multiSkillArrivals, warmup, seed);
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    // ------------------------------------------------------------------------------------------- scenario a

    static void erlang(StringBuilder md, List<String> strategies, int n, double[] loads, double aht, double sl,
            int arrivals, int warmup, long seed) {
        Queue queue = new Queue("general", "General", 10);
        List<Agent> agents = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            agents.add(agent(String.format("a%02d", i), Map.of("general", 5)));
        }
        List<Simulation.ArrivalClass> classes = List.of(new Simulation.ArrivalClass("general", 1, Map.of("general", 5)));
        section(md, String.format(Locale.ROOT, "## a) Single queue, single skill, against Erlang C%n%n"
                + "N = %d agents of capacity 1, AHT %.0f s (exponential), Poisson arrivals, T = %.0f s, dispatch at "
                + "every arrival and completion, %,d arrivals per run. Relative error = (measured - Erlang C) / "
                + "Erlang C. Agents are identical and service is first come first served, so every strategy must "
                + "give the same waits; with common random numbers they give exactly the same.%n%n", n, aht, sl,
                arrivals));
        md.append("| Strategy | N | A (Erl) | Occupancy | P(wait) Erlang C | ASA Erlang C (s) | ASA measured (s) "
                + "| ASA rel. err | SL Erlang C | SL measured | SL rel. err | run (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        flush(md);
        for (double a : loads) {
            double pw = ErlangC.waitProbability(n, a);
            double asa = ErlangC.averageSpeedOfAnswer(n, a, aht);
            double slc = ErlangC.serviceLevel(n, a, aht, sl);
            for (String s : strategies) {
                RoutingStrategy strategy = create(s, null);
                if (strategy == null) {
                    continue;
                }
                Simulation.Setup setup = new Simulation.Setup("erlang", queue, agents, classes, a / aht, aht, 1.0, sl,
                        arrivals, warmup, 0, seed);
                Simulation.Result r = new Simulation(setup, strategy).run();
                check(r);
                row(md, s, n, fmt(a, 1), pct(r.occupancy()), fmt(pw, 3), fmt(asa, 1),
                        fmt(r.asa(), 1) + " ± " + fmt(r.asaHalfWidth(), 1), signedPct(r.asa() / asa - 1),
                        pct(slc), pct(r.serviceLevel()) + " ± " + pct(r.slHalfWidth()),
                        signedPct(r.serviceLevel() / slc - 1), fmt(r.cpuMillis() / 1000, 1));
                flush(md);
            }
        }
        md.append('\n');
    }

    // ------------------------------------------------------------------------------------------- scenario b

    /** The multi-skill team: specialists per skill with weaker second skills. */
    static List<Agent> multiSkillAgents() {
        List<Agent> agents = new ArrayList<>();
        // 5 cards specialists: two also do loans at a low level, two English at a low level
        agents.add(agent("card1", Map.of("cards", 9)));
        agents.add(agent("card2", Map.of("cards", 8, "loans", 3)));
        agents.add(agent("card3", Map.of("cards", 8, "loans", 4)));
        agents.add(agent("card4", Map.of("cards", 7, "lang-en", 4)));
        agents.add(agent("card5", Map.of("cards", 6, "lang-en", 3)));
        // 4 loans specialists, three know cards a little
        agents.add(agent("loan1", Map.of("loans", 9, "cards", 4)));
        agents.add(agent("loan2", Map.of("loans", 8, "cards", 3)));
        agents.add(agent("loan3", Map.of("loans", 7, "cards", 4)));
        agents.add(agent("loan4", Map.of("loans", 6)));
        // 3 English speakers, one also strong on cards
        agents.add(agent("eng1", Map.of("lang-en", 9, "cards", 5)));
        agents.add(agent("eng2", Map.of("lang-en", 8, "loans", 3)));
        agents.add(agent("eng3", Map.of("lang-en", 7)));
        return agents;
    }

    static List<Simulation.ArrivalClass> multiSkillClasses() {
        return List.of(new Simulation.ArrivalClass("cards", 0.45, Map.of("cards", 5)),
                new Simulation.ArrivalClass("loans", 0.30, Map.of("loans", 5)),
                new Simulation.ArrivalClass("lang-en", 0.25, Map.of("lang-en", 5)));
    }

    static void multiSkill(StringBuilder md, List<String> strategies, double[] loads, double aht, double sl,
            double slow, double tick, String widening, int arrivals, int warmup, long seed) {
        Queue queue = new Queue("service", "Service", 10);
        List<Agent> agents = multiSkillAgents();
        List<Simulation.ArrivalClass> classes = multiSkillClasses();
        section(md, String.format(Locale.ROOT, "## b) Multi-skill: skills routing against least busy and round robin%n%n"
                + "One queue, %d agents of capacity 1 (all serve it), three skills, %,d arrivals per run. Arrivals: %s. "
                + "Agents: %s.%n%n"
                + "Handling time: exponential, mean %.0f s when the agent has every required skill at the required "
                + "level, %.2f × that otherwise (below the level, or lacking the skill when widening let him take "
                + "it). A (Erl) is the offered load at the nominal AHT, so occupancy rises with mismatched "
                + "handling. Dispatch at every arrival, completion and every %.0f simulated seconds (the core's "
                + "periodic dispatch; time-based widening needs it). SL = answered within %.0f s. "
                + "Matched = share answered by an agent meeting the required level.%n%n",
                agents.size(), arrivals, describeClasses(classes), describeAgents(agents), aht, slow, tick, sl));
        md.append("| Strategy | A (Erl) | SL | ASA (s) | p90 wait (s) | Occupancy | Matched | Mean handling (s) "
                + "| Max waiting | Invalid decisions | run (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        flush(md);
        StringBuilder perClass = new StringBuilder();
        perClass.append("\nPer skill (SL / ASA s / matched):\n\n| Strategy | A (Erl) | ")
                .append(String.join(" | ", classes.stream().map(Simulation.ArrivalClass::name).toList()))
                .append(" |\n|---|---|").append("---|".repeat(classes.size())).append('\n');
        List<String[]> runs = new ArrayList<>();
        for (String s : strategies) {
            if (s.equals(Strategies.SKILLS)) {
                runs.add(new String[] {s, widening, "skills, widening " + SkillsFactory.describe(widening)
                        + (widening == null ? " (default)" : "")});
                runs.add(new String[] {s, "none", "skills, no widening"});
            } else {
                runs.add(new String[] {s, null, s});
            }
        }
        for (double a : loads) {
            for (String[] run : runs) {
                RoutingStrategy strategy = create(run[0], run[1]);
                if (strategy == null) {
                    continue;
                }
                Simulation.Setup setup = new Simulation.Setup("multiskill", queue, agents, classes, a / aht, aht,
                        slow, sl, arrivals, warmup, tick, seed);
                Simulation.Result r = new Simulation(setup, strategy).run();
                check(r);
                row(md, run[2], fmt(a, 1), pct(r.serviceLevel()) + " ± " + pct(r.slHalfWidth()),
                        fmt(r.asa(), 1) + " ± " + fmt(r.asaHalfWidth(), 1), fmt(r.p90Wait(), 1), pct(r.occupancy()),
                        pct(r.matchedShare()), fmt(r.meanHandling(), 1), r.maxWaiting(),
                        r.invalid() + (r.unanswered() > 0 ? " (" + r.unanswered() + " never answered)" : ""),
                        fmt(r.cpuMillis() / 1000, 1));
                flush(md);
                perClass.append("| ").append(run[2]).append(" | ").append(fmt(a, 1)).append(" | ");
                for (Simulation.ClassResult c : r.perClass()) {
                    perClass.append(pct(c.serviceLevel())).append(" / ").append(fmt(c.asa(), 1)).append(" / ")
                            .append(pct(c.matchedShare())).append(" | ");
                }
                perClass.append('\n');
            }
        }
        md.append(perClass).append('\n');
        flush(md);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static RoutingStrategy create(String id, String options) {
        try {
            return Strategies.create(id, options);
        } catch (UnsupportedOperationException | LinkageError e) {
            System.err.println("skipping " + id + ": " + e);
            return null;
        }
    }

    private static void check(Simulation.Result r) {
        if (r.invalid() > 0) {
            System.err.println("WARNING: " + r.strategy() + " made " + r.invalid() + " invalid decisions");
        }
    }

    static Agent agent(String id, Map<String, Integer> skills) {
        return new Agent(id, id, skills, Set.of(), 1, Presence.AVAILABLE);
    }

    private static String describeClasses(List<Simulation.ArrivalClass> classes) {
        List<String> parts = new ArrayList<>();
        for (Simulation.ArrivalClass c : classes) {
            parts.add(String.format(Locale.ROOT, "%s %.0f %% (requires %s)", c.name(), c.share() * 100,
                    c.skillsContext()));
        }
        return String.join(", ", parts);
    }

    private static String describeAgents(List<Agent> agents) {
        List<String> parts = new ArrayList<>();
        for (Agent a : agents) {
            parts.add(a.id() + " " + io.pishkhan.api.routing.RoutingHints.formatSkills(new java.util.TreeMap<>(a.skills())));
        }
        return String.join("; ", parts);
    }

    private static void section(StringBuilder md, String text) {
        md.append(text);
    }

    private static int printed;

    /** Echoes what was added to the Markdown since the last call (progress on long runs). */
    private static void flush(StringBuilder md) {
        System.out.print(md.substring(printed));
        System.out.flush();
        printed = md.length();
    }

    private static void row(StringBuilder md, Object... cells) {
        md.append("| ");
        for (Object c : cells) {
            md.append(c).append(" | ");
        }
        md.setLength(md.length() - 1);
        md.append('\n');
    }

    static double[] doubles(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(x -> Double.parseDouble(x.strip())).toArray();
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String signedPct(double v) {
        return String.format(Locale.ROOT, "%+.1f %%", v * 100);
    }
}
