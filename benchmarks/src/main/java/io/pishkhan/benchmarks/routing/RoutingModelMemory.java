package io.pishkhan.benchmarks.routing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Retained heap of the routing model: used heap after full GCs, before and after building it. Run with a fixed heap
 * and a collector that compacts on {@code System.gc()} (the default G1 does), e.g.
 * {@code java -Xms1g -Xmx1g -cp ... io.pishkhan.benchmarks.routing.RoutingModelMemory}.
 *
 * <p>Arguments: {@code [agents conversations skills]}, default 1000 10000 50. Prints one Markdown table.
 */
public final class RoutingModelMemory {
    private RoutingModelMemory() {
    }

    public static void main(String[] args) throws InterruptedException {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int conversations = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int skills = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        // warm the classes and string tables so the first measurement does not count them
        Reference.reachabilityFence(new RoutingModel(10, 10, skills, 1));

        System.out.println("| Model | Retained heap | Per object |");
        System.out.println("|---|---|---|");
        int[][] sizes = {{agents, 0}, {0, conversations}, {agents, conversations}};
        String[] names = {agents + " agents (Agent + AgentLoad)", conversations + " waiting conversations",
            agents + " agents + " + conversations + " conversations"};
        for (int k = 0; k < sizes.length; k++) {
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                long before = usedAfterGc();
                RoutingModel model = new RoutingModel(sizes[k][0], sizes[k][1], skills, 20_261_105L + run);
                long after = usedAfterGc();
                Reference.reachabilityFence(model);
                best = Math.min(best, after - before);
            }
            int objects = sizes[k][0] + sizes[k][1];
            System.out.printf(Locale.ROOT, "| %s | %.2f MB | %s |%n", names[k], best / 1e6,
                    k == 2 ? "" : String.format(Locale.ROOT, "%,d bytes", best / objects));
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
