package dev.berth.cgroups.testing;

import java.util.concurrent.TimeUnit;

/** Polling for integration tests: waits up to 15 s for a condition, then fails naming what it waited for. */
public final class Wait {
    public interface Check {
        boolean ok() throws Exception;
    }

    private Wait() {}

    public static void until(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
