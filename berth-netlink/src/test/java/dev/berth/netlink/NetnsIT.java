package dev.berth.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.berth.common.BerthException;
import dev.berth.netlink.internal.NetnsThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetnsIT {
    @TempDir Path tmp;
    private final TestNetwork net = new TestNetwork();

    @AfterEach
    void cleanup() throws Exception {
        net.close();
    }

    private static long inode(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static long threadNetnsInode() throws Exception {
        return inode(Path.of("/proc/thread-self/ns/net"));
    }

    @Test
    void createdNamespaceHasLoopbackUpAndCallRunsInsideIt() throws Exception {
        Path ns = net.netns(tmp.resolve("a/b/ns" + net.suffix));
        Netns.create(ns);
        long nsInode = inode(ns);
        long hostInode = threadNetnsInode();
        assertNotEquals(hostInode, nsInode);
        String[] worker = new String[1];
        assertEquals(nsInode, (long) Netns.call(ns, () -> {
            worker[0] = Thread.currentThread().getName();
            assertFalse(Thread.currentThread().isVirtual());
            return threadNetnsInode();
        }));
        // Pooled threads go back to the daemon's namespace: enough simultaneous tasks to take every idle
        // pool thread (the one that was inside among them) all find themselves in the host's namespace.
        int n = 32;
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(n);
        java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.List<Thread> starters = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            starters.add(Thread.ofPlatform().start(() -> {
                try {
                    NetnsThreads.run(() -> {
                        seen.put(Thread.currentThread().getName(), threadNetnsInode());
                        all.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return null;
                    });
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : starters) t.join();
        assertEquals(n, seen.size());
        assertTrue(seen.containsKey(worker[0]), "the thread that was inside served again: " + seen.keySet());
        for (long inode : seen.values()) assertEquals(hostInode, inode);
        try (RtNetlink in = RtNetlink.openIn(ns)) {
            Link lo = in.links().stream().filter(l -> l.name().equals("lo")).findFirst().orElseThrow();
            assertTrue(lo.up(), "lo is down: " + lo);
            assertEquals(1, lo.index());
            assertTrue(in.links().stream().noneMatch(l -> l.name().equals("eth0")));
        }
    }

    @Test
    void sysctlWrittenInsideOnlyChangesThatNamespace() throws Exception {
        Path ns = net.netns(tmp.resolve("ns" + net.suffix));
        Netns.create(ns);
        String key = "net.ipv4.conf.lo.route_localnet";
        String hostBefore = Sysctl.read(key);
        String wanted = hostBefore.equals("1") ? "0" : "1";
        Netns.call(ns, () -> {
            Sysctl.write(key, wanted);
            return null;
        });
        assertEquals(wanted, Netns.call(ns, () -> Sysctl.read(key)));
        assertEquals(hostBefore, Sysctl.read(key));
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> Sysctl.read("net.ipv4.no_such_key_" + net.suffix)).kind());
    }

    @Test
    void createOnExistingFileFailsAndDeleteIsIdempotent() throws Exception {
        Path ns = net.netns(tmp.resolve("ns" + net.suffix));
        Netns.create(ns);
        BerthException e = assertThrows(BerthException.class, () -> Netns.create(ns));
        assertEquals(BerthException.Kind.ALREADY_EXISTS, e.kind());
        assertTrue(e.getMessage().contains(ns.toString()), e.getMessage());
        Netns.delete(ns);
        assertFalse(Files.exists(ns));
        Netns.delete(ns);
    }

    @Test
    void callOnAFileThatIsNoNamespaceFailsAndLeavesTheThreadUsable() throws Exception {
        Path plain = tmp.resolve("plain");
        Files.writeString(plain, "x");
        BerthException e = assertThrows(BerthException.class, () -> Netns.call(plain, () -> "never"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> Netns.call(tmp.resolve("absent"), () -> "never")).kind());
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Netns.call(Path.of("/proc/self/ns/net"), () -> { throw new IllegalStateException("boom"); }));
        assertEquals("boom", thrown.getMessage());
        long hostInode = threadNetnsInode();
        for (int i = 0; i < 4; i++) {
            assertEquals(hostInode, Netns.call(Path.of("/proc/self/ns/net"), NetnsIT::threadNetnsInode));
        }
    }

    @Test
    void concurrentCallsFromVirtualThreadsEachRunInTheirOwnNamespace() throws Exception {
        Path a = net.netns(tmp.resolve("a" + net.suffix));
        Path b = net.netns(tmp.resolve("b" + net.suffix));
        Netns.create(a);
        Netns.create(b);
        long hostInode = threadNetnsInode();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<long[]>>();
            for (int i = 0; i < 32; i++) {
                Path target = i % 2 == 0 ? a : b;
                futures.add(executor.submit(() -> new long[] {inode(target), Netns.call(target, NetnsIT::threadNetnsInode),
                        threadNetnsInode()}));
            }
            for (var f : futures) {
                long[] r = f.get();
                assertEquals(r[0], r[1], "call ran in the wrong namespace");
                assertEquals(hostInode, r[2], "caller's thread left the host namespace");
            }
        }
        for (int i = 0; i < 8; i++) assertEquals(hostInode, (long) NetnsThreads.run(NetnsIT::threadNetnsInode));
    }
}
