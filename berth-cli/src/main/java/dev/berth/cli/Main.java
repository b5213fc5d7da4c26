package dev.berth.cli;

import dev.berth.cli.docker.BerthCli;

/**
 * `berth`: Docker's CLI for berthd (dev.berth.cli.docker), plus the runc-compatible
 * `berth runtime` (dev.berth.cli.runtime).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = execute(args);
        // Runtime.exit sets up the platform logger to log the exit (~10 ms); halt skips it when no shutdown hook needs to run
        if (BerthCli.canHalt()) Runtime.getRuntime().halt(code);
        System.exit(code);
    }

    public static int execute(String... args) {
        return BerthCli.execute(args);
    }
}
