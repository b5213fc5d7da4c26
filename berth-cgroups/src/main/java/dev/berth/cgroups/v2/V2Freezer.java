package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.StatParsers;
import dev.berth.common.BerthException;

/** The v2 freezer: write cgroup.freeze, then wait until cgroup.events says "frozen 1" (or 0). */
final class V2Freezer {
    static final String FREEZE = "cgroup.freeze", EVENTS = "cgroup.events";
    private static final long TIMEOUT_MS = 10_000, MAX_POLL_MS = 10;

    private V2Freezer() {}

    static void set(CgroupDir dir, boolean frozen) {
        if (!dir.has(FREEZE)) {
            if (!dir.exists()) throw BerthException.notFound("cgroup %s does not exist", dir.path());
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    dir.file(FREEZE) + " does not exist: the cgroup v2 freezer needs Linux 5.2 or later");
        }
        dir.write(FREEZE, frozen ? "1" : "0");
        long start = System.nanoTime(), poll = 1;
        while (isFrozen(dir) != frozen) {
            if ((System.nanoTime() - start) / 1_000_000 > TIMEOUT_MS) {
                if (frozen) dir.tryWrite(FREEZE, "0");
                throw new BerthException(BerthException.Kind.INTERNAL, "timed out after " + TIMEOUT_MS / 1000 + "s "
                        + (frozen ? "freezing" : "thawing") + " cgroup " + dir.path() + ": " + EVENTS + " never showed frozen "
                        + (frozen ? 1 : 0));
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BerthException.internal("interrupted while waiting for " + dir.file(EVENTS), e);
            }
            poll = Math.min(poll * 2, MAX_POLL_MS);
        }
    }

    static boolean isFrozen(CgroupDir dir) {
        return StatParsers.flatKeyed(dir.readIfPresent(EVENTS).orElse("")).getOrDefault("frozen", 0L) == 1;
    }
}
