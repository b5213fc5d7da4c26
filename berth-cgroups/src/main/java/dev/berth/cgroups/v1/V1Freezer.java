package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.common.BerthException;

/** freezer: freezer.state FROZEN / THAWED, waiting for the kernel to get there (FREEZING is the way). */
final class V1Freezer {
    static final String STATE = "freezer.state";
    static final String FROZEN = "FROZEN", THAWED = "THAWED";
    private static final long TIMEOUT_MS = 10_000, REWRITE_EVERY_MS = 100, MAX_POLL_MS = 10;

    private V1Freezer() {}

    static void set(CgroupDir dir, boolean frozen) {
        String target = frozen ? FROZEN : THAWED;
        dir.write(STATE, target);
        long start = System.nanoTime(), lastWrite = start;
        long poll = 1;
        while (true) {
            String state = dir.read(STATE);
            if (state.equals(target)) return;
            long now = System.nanoTime();
            if ((now - start) / 1_000_000 > TIMEOUT_MS) {
                if (frozen) dir.tryWrite(STATE, THAWED);
                throw new BerthException(BerthException.Kind.INTERNAL, "timed out after " + TIMEOUT_MS / 1000
                        + "s " + (frozen ? "freezing" : "thawing") + " cgroup " + dir.path() + ": " + STATE + " is " + state);
            }
            // A task that is busy in the kernel can hold FREEZING; asking again makes the kernel retry it.
            if ((now - lastWrite) / 1_000_000 >= REWRITE_EVERY_MS) {
                dir.write(STATE, target);
                lastWrite = now;
            }
            sleep(poll);
            poll = Math.min(poll * 2, MAX_POLL_MS);
        }
    }

    static boolean isFrozen(CgroupDir dir) {
        return dir.readIfPresent(STATE).map(FROZEN::equals).orElse(false);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while waiting for " + STATE, e);
        }
    }
}
