package dev.berth.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.berth.netlink.internal.NetnsThreads;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (does not assert) how long a container's network setup takes: new netns + veth into it +
 * master + up + address + default route. Checks each round's result so the timing is of work done.
 */
class SetupTimingIT {
    private static final int ROUNDS = 50, WARMUP = 5, CALL_ROUNDS = 200;
    @TempDir Path tmp;
    private final TestNetwork net = new TestNetwork();

    @AfterEach
    void cleanup() throws Exception {
        net.close();
    }

    @Test
    void medianContainerNetworkSetup() throws Exception {
        RtNetlink host = net.host;
        int x = net.freeSubnetOctet();
        String bridge = net.hostLink("bnt");
        InetAddress gateway = InetAddress.getByName("10.201." + x + ".1");
        host.addBridge(bridge, 1500);
        host.addAddress(bridge, gateway, 24);
        host.setUp(bridge);

        String[] steps = {"netns create", "veth into netns", "master+up", "open socket in netns", "addr+up+route", "total"};
        long[][] nanos = new long[steps.length][ROUNDS];
        for (int round = -WARMUP; round < ROUNDS; round++) {
            String veth = net.hostLink("v" + Integer.toHexString(round + WARMUP) + "n");
            Path ns = net.netns(tmp.resolve("ns" + (round + WARMUP)));
            InetAddress ip = InetAddress.getByName("10.201." + x + "." + (10 + round + WARMUP));
            long t0 = System.nanoTime();
            Netns.create(ns);
            long t1 = System.nanoTime();
            host.addVeth(veth, "eth0", ns, 1500, null);
            long t2 = System.nanoTime();
            host.setMaster(veth, bridge);
            host.setUp(veth);
            long t3 = System.nanoTime();
            long t4, t5;
            try (RtNetlink in = RtNetlink.openIn(ns)) {
                t4 = System.nanoTime();
                in.addAddress("eth0", ip, 24);
                in.setUp("eth0");
                in.addDefaultRoute(gateway);
                t5 = System.nanoTime();
                assertTrue(in.link("eth0").orElseThrow().up());
                assertTrue(in.routes().stream().anyMatch(Route::isDefault));
            }
            if (round >= 0) {
                long[] at = {t0, t1, t2, t3, t4, t5};
                for (int s = 0; s < steps.length - 1; s++) nanos[s][round] = at[s + 1] - at[s];
                nanos[steps.length - 1][round] = t5 - t0;
            }
            assertTrue(host.deleteLink(veth));
            Netns.delete(ns);
        }
        StringBuilder report = new StringBuilder("container network setup, median of " + ROUNDS + ":");
        for (int s = 0; s < steps.length; s++) report.append(String.format("%n  %-22s %8.3f ms", steps[s], median(nanos[s]) / 1e6));
        System.out.println(report);
    }

    @Test
    void medianNetnsCallOverhead() throws Exception {
        Path ns = net.netns(tmp.resolve("ns"));
        Netns.create(ns);
        Callable<Integer> noop = () -> 1;
        long[] pooled = new long[CALL_ROUNDS], fresh = new long[CALL_ROUNDS], poolOnly = new long[CALL_ROUNDS];
        for (int i = -20; i < CALL_ROUNDS; i++) {
            long t0 = System.nanoTime();
            assertEquals(1, Netns.call(ns, noop));
            long t1 = System.nanoTime();
            assertEquals(1, NetnsThreads.run(noop));
            long t2 = System.nanoTime();
            Thread t = Thread.ofPlatform().start(() -> {});
            t.join();
            long t3 = System.nanoTime();
            if (i >= 0) {
                pooled[i] = t1 - t0;
                poolOnly[i] = t2 - t1;
                fresh[i] = t3 - t2;
            }
        }
        System.out.printf("Netns.call no-op (reused platform thread, setns in+out), median of %d: %.1f us%n"
                        + "  of which thread hand-off + setns back only: %.1f us%n"
                        + "  for comparison, starting+joining a fresh platform thread: %.1f us%n",
                CALL_ROUNDS, median(pooled) / 1e3, median(poolOnly) / 1e3, median(fresh) / 1e3);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
