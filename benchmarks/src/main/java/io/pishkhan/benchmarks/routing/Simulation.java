package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingHints;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Discrete-event simulation of one queue served by a pool of agents, driving a real {@link RoutingStrategy}.
 *
 * <p>Model: Poisson arrivals (rate {@link Setup#arrivalRate()}), each of one {@link ArrivalClass} picked by its share;
 * exponential handling times with mean {@link Setup#ahtSeconds()}, multiplied by {@link Setup#slowFactor()} when the
 * agent does not meet every required skill level of the conversation; offers are accepted at once; nobody abandons.
 * The clock is simulated: {@link RoutingRequest#now()} is the simulated instant.
 *
 * <p>Dispatch, at every arrival, every completion and (if {@link Setup#tickSeconds()} &gt; 0) every tick: while an
 * agent has free capacity, the waiting conversations are ordered by {@link RoutingStrategy#priority} (higher first,
 * ties oldest first) and offered one by one to {@link RoutingStrategy#route} with all agents as candidates (with their
 * current load). A decision that names an agent who is not a candidate with free capacity is counted as invalid and
 * the conversation keeps waiting, as the core does.
 *
 * <p>Repeatability: arrivals, classes and a unit handling time per conversation come from two seeded
 * {@link SplittableRandom}s drawn in arrival order, so every strategy sees exactly the same customers (common random
 * numbers); only the agent chosen (and hence the slow factor) differs.
 *
 * <p>Measurement: the first {@link Setup#warmup()} arrivals are discarded; after the last arrival the simulation
 * runs on until every measured conversation is answered. Confidence intervals are 95 % batch means over 20
 * consecutive batches of measured arrivals.
 */
public final class Simulation {
    public static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");
    static final int BATCHES = 20;
    static final double T_975_19 = 2.093; // Student t, 19 degrees of freedom

    /** A kind of arriving conversation: its share of arrivals and the skills (with minimum level) it requires. */
    public record ArrivalClass(String name, double share, Map<String, Integer> requiredSkills) {
        public ArrivalClass {
            requiredSkills = Map.copyOf(requiredSkills);
        }

        String skillsContext() {
            return RoutingHints.formatSkills(new java.util.TreeMap<>(requiredSkills));
        }
    }

    /**
     * @param arrivalRate  arrivals per second over all classes
     * @param slowFactor   handling-time multiplier when the agent misses a required skill level
     * @param slSeconds    service-level threshold T
     * @param arrivals     total arrivals generated, warm-up included
     * @param tickSeconds  period of an extra dispatch round (0: only at arrivals and completions)
     */
    public record Setup(String name, Queue queue, List<Agent> agents, List<ArrivalClass> classes, double arrivalRate,
            double ahtSeconds, double slowFactor, double slSeconds, int arrivals, int warmup, double tickSeconds,
            long seed) {
        public Setup {
            agents = List.copyOf(agents);
            classes = List.copyOf(classes);
            if (warmup >= arrivals) {
                throw new IllegalArgumentException("warmup must be below arrivals");
            }
        }

        /** Offered load in Erlangs at the nominal handling time. */
        public double offeredLoad() {
            return arrivalRate * ahtSeconds;
        }
    }

    public record ClassResult(String name, long answered, double asa, double serviceLevel, double matchedShare) {
    }

    /**
     * @param asaHalfWidth   95 % half-width of the ASA (batch means)
     * @param occupancy      busy agent-seconds / capacity-seconds over the measured arrivals' window
     * @param matchedShare   share of measured conversations answered by an agent meeting every required level
     * @param unanswered     measured conversations never answered (a strategy that leaves some waiting for ever)
     * @param invalid        decisions naming an agent who was not a free candidate
     * @param meanHandling   mean handling time of measured conversations, seconds
     */
    public record Result(String strategy, long measured, double asa, double asaHalfWidth, double serviceLevel,
            double slHalfWidth, double occupancy, double matchedShare, long unanswered, long invalid,
            long routeCalls, double meanHandling, double p90Wait, int maxWaiting, List<ClassResult> perClass,
            double cpuMillis) {
    }

    private static final int ARRIVAL = 0;
    private static final int COMPLETION = 1;
    private static final int TICK = 2;

    private record Event(double time, int kind, int agent, long seq) {
    }

    private static final class Waiting {
        final int index;
        final double arrival;
        final Conversation conversation;
        double priority;

        Waiting(int index, double arrival, Conversation conversation) {
            this.index = index;
            this.arrival = arrival;
            this.conversation = conversation;
        }
    }

    private static final Comparator<Waiting> ORDER = Comparator.comparingDouble((Waiting w) -> -w.priority)
            .thenComparingDouble(w -> w.arrival).thenComparingInt(w -> w.index);

    private final Setup setup;
    private final RoutingStrategy strategy;
    private final Agent[] agents;
    private final Map<String, Integer> agentIndex = new HashMap<>();
    private final int[] active;
    private final Instant[] lastAssigned;
    private final int totalCapacity;
    private int busy;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparingDouble(Event::time).thenComparingLong(Event::seq));
    private long seq;
    private final List<Waiting> waiting = new ArrayList<>();
    private final SplittableRandom arrivalRandom;
    private final SplittableRandom serviceRandom;
    private final double[] cumulativeShare;
    private final String[] classSkills;

    // per arrival
    private final double[] unitService;
    private final int[] classOf;
    private final double[] waitOf;
    private final double[] handlingOf;
    private final boolean[] matchedOf;

    private double now;
    private int generated;
    private double busyArea;
    private double lastEventTime;
    private double windowStart = Double.NaN;
    private double windowStartArea;
    private double windowEnd = Double.NaN;
    private double windowEndArea;
    private long invalid;
    private long routeCalls;
    private int maxWaiting;

    public Simulation(Setup setup, RoutingStrategy strategy) {
        this.setup = Objects.requireNonNull(setup);
        this.strategy = Objects.requireNonNull(strategy);
        this.agents = setup.agents().toArray(Agent[]::new);
        for (int i = 0; i < agents.length; i++) {
            agentIndex.put(agents[i].id(), i);
        }
        this.active = new int[agents.length];
        this.lastAssigned = new Instant[agents.length];
        this.totalCapacity = Arrays.stream(agents).mapToInt(Agent::capacity).sum();
        this.arrivalRandom = new SplittableRandom(setup.seed());
        this.serviceRandom = new SplittableRandom(setup.seed() * 0x9E3779B97F4A7C15L + 1);
        List<ArrivalClass> classes = setup.classes();
        this.cumulativeShare = new double[classes.size()];
        this.classSkills = new String[classes.size()];
        double total = classes.stream().mapToDouble(ArrivalClass::share).sum();
        double acc = 0;
        for (int i = 0; i < classes.size(); i++) {
            acc += classes.get(i).share() / total;
            cumulativeShare[i] = acc;
            classSkills[i] = classes.get(i).skillsContext();
        }
        cumulativeShare[classes.size() - 1] = 1.0;
        int n = setup.arrivals();
        unitService = new double[n];
        classOf = new int[n];
        waitOf = new double[n];
        handlingOf = new double[n];
        matchedOf = new boolean[n];
        Arrays.fill(waitOf, Double.NaN);
    }

    /** Runs the simulation to the end and returns the measured figures. */
    public Result run() {
        long cpuStart = System.nanoTime();
        schedule(exponential(arrivalRandom, 1.0 / setup.arrivalRate()), ARRIVAL, -1);
        if (setup.tickSeconds() > 0) {
            schedule(setup.tickSeconds(), TICK, -1);
        }
        while (!events.isEmpty()) {
            Event e = events.poll();
            busyArea += busy * (e.time() - lastEventTime);
            lastEventTime = e.time();
            now = e.time();
            switch (e.kind()) {
                case ARRIVAL -> arrive();
                case COMPLETION -> {
                    active[e.agent()]--;
                    busy--;
                }
                case TICK -> {
                    // after the last arrival, keep ticking while someone waits (time-based widening), for a day at most
                    if (generated < setup.arrivals() || !waiting.isEmpty() && now < windowEnd + 86_400) {
                        schedule(now + setup.tickSeconds(), TICK, -1);
                    }
                }
                default -> throw new IllegalStateException();
            }
            dispatch();
        }
        return result((System.nanoTime() - cpuStart) / 1e6);
    }

    private void schedule(double time, int kind, int agent) {
        events.add(new Event(time, kind, agent, seq++));
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    static Instant at(double seconds) {
        return EPOCH.plusNanos(Math.round(seconds * 1e9));
    }

    private void arrive() {
        int i = generated++;
        double u = arrivalRandom.nextDouble();
        int cls = 0;
        while (u > cumulativeShare[cls]) {
            cls++;
        }
        classOf[i] = cls;
        unitService[i] = exponential(serviceRandom, 1.0);
        Instant t = at(now);
        Map<String, String> context = Map.of(RoutingHints.WAITING_SINCE, t.toString(), RoutingHints.SKILLS,
                classSkills[cls]);
        Conversation c = new Conversation("c" + i, "customer" + i, "webchat", null, ConversationState.QUEUED,
                setup.queue().id(), null, null, context, t, t);
        waiting.add(new Waiting(i, now, c));
        maxWaiting = Math.max(maxWaiting, waiting.size());
        if (i == setup.warmup()) {
            windowStart = now;
            windowStartArea = busyArea;
        }
        if (generated < setup.arrivals()) {
            schedule(now + exponential(arrivalRandom, 1.0 / setup.arrivalRate()), ARRIVAL, -1);
        } else {
            windowEnd = now;
            windowEndArea = busyArea;
        }
    }

    private List<AgentLoad> candidates() {
        AgentLoad[] loads = new AgentLoad[agents.length];
        for (int i = 0; i < agents.length; i++) {
            loads[i] = new AgentLoad(agents[i], active[i], lastAssigned[i]);
        }
        return List.of(loads);
    }

    private void dispatch() {
        if (busy >= totalCapacity || waiting.isEmpty()) {
            return;
        }
        Instant t = at(now);
        for (Waiting w : waiting) {
            w.priority = strategy.priority(w.conversation, setup.queue(), t);
        }
        List<Waiting> order = new ArrayList<>(waiting);
        order.sort(ORDER);
        List<AgentLoad> candidates = candidates();
        boolean assigned = false;
        for (Waiting w : order) {
            if (busy >= totalCapacity) {
                break;
            }
            routeCalls++;
            RoutingDecision d = strategy.route(new RoutingRequest(w.conversation, setup.queue(), candidates, t,
                    null, null));
            if (d == null || d.agentId() == null) {
                continue;
            }
            Integer a = agentIndex.get(d.agentId());
            if (a == null || active[a] >= agents[a].capacity()) {
                invalid++;
                continue;
            }
            assign(w, a, t);
            w.priority = Double.NaN; // marks it for removal
            assigned = true;
            candidates = candidates();
        }
        if (assigned) {
            waiting.removeIf(w -> Double.isNaN(w.priority));
        }
    }

    private void assign(Waiting w, int a, Instant t) {
        int i = w.index;
        Map<String, Integer> required = setup.classes().get(classOf[i]).requiredSkills();
        boolean matched = meets(agents[a], required);
        double handling = unitService[i] * setup.ahtSeconds() * (matched ? 1.0 : setup.slowFactor());
        waitOf[i] = now - w.arrival;
        handlingOf[i] = handling;
        matchedOf[i] = matched;
        active[a]++;
        busy++;
        lastAssigned[a] = t;
        schedule(now + handling, COMPLETION, a);
    }

    /** True when the agent has every required skill at least at its level. */
    public static boolean meets(Agent agent, Map<String, Integer> required) {
        for (Map.Entry<String, Integer> r : required.entrySet()) {
            if (agent.proficiency(r.getKey()) < r.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Result result(double cpuMillis) {
        int from = setup.warmup();
        int to = setup.arrivals();
        double t = setup.slSeconds();
        int classes = setup.classes().size();
        long[] clsN = new long[classes];
        double[] clsWait = new double[classes];
        long[] clsWithin = new long[classes];
        long[] clsMatched = new long[classes];
        long answered = 0;
        long unanswered = 0;
        double sumWait = 0;
        double sumHandling = 0;
        long within = 0;
        long matched = 0;
        double[] batchWait = new double[BATCHES];
        double[] batchWithin = new double[BATCHES];
        long[] batchN = new long[BATCHES];
        long[] batchAll = new long[BATCHES];
        List<Double> waits = new ArrayList<>();
        int measured = to - from;
        for (int i = from; i < to; i++) {
            int b = (int) ((long) (i - from) * BATCHES / measured);
            batchAll[b]++;
            if (Double.isNaN(waitOf[i])) {
                unanswered++;
                continue;
            }
            double w = waitOf[i];
            int c = classOf[i];
            answered++;
            sumWait += w;
            sumHandling += handlingOf[i];
            waits.add(w);
            boolean in = w <= t;
            within += in ? 1 : 0;
            matched += matchedOf[i] ? 1 : 0;
            clsN[c]++;
            clsWait[c] += w;
            clsWithin[c] += in ? 1 : 0;
            clsMatched[c] += matchedOf[i] ? 1 : 0;
            batchN[b]++;
            batchWait[b] += w;
            batchWithin[b] += in ? 1 : 0;
        }
        double[] bAsa = new double[BATCHES];
        double[] bSl = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            bAsa[b] = batchN[b] == 0 ? 0 : batchWait[b] / batchN[b];
            bSl[b] = batchAll[b] == 0 ? 0 : batchWithin[b] / batchAll[b];
        }
        List<ClassResult> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            perClass.add(new ClassResult(setup.classes().get(c).name(), clsN[c], clsN[c] == 0 ? 0 : clsWait[c] / clsN[c],
                    clsN[c] == 0 ? 0 : (double) clsWithin[c] / clsN[c], clsN[c] == 0 ? 0 : (double) clsMatched[c] / clsN[c]));
        }
        waits.sort(null);
        double p90 = waits.isEmpty() ? Double.NaN : waits.get((int) Math.min(waits.size() - 1, waits.size() * 0.9));
        double occupancy = (windowEndArea - windowStartArea) / (totalCapacity * (windowEnd - windowStart));
        return new Result(strategy.id(), measured, answered == 0 ? Double.NaN : sumWait / answered,
                halfWidth(bAsa), (double) within / measured, halfWidth(bSl), occupancy,
                answered == 0 ? 0 : (double) matched / answered, unanswered, invalid, routeCalls,
                answered == 0 ? Double.NaN : sumHandling / answered, p90, maxWaiting, perClass, cpuMillis);
    }

    /** 95 % half-width of the mean of the batch values. */
    static double halfWidth(double[] batches) {
        double mean = Arrays.stream(batches).average().orElse(0);
        double var = Arrays.stream(batches).map(x -> (x - mean) * (x - mean)).sum() / (batches.length - 1);
        return T_975_19 * Math.sqrt(var / batches.length);
    }
}
