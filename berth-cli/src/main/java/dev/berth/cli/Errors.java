package dev.berth.cli;

import dev.berth.common.BerthException;
import picocli.CommandLine;

/** Turns exceptions into a message on stderr and an exit code (runc's: 1 for every failure). */
public final class Errors {
    private Errors() {}

    public static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String prog = cmd.getCommandSpec().root().name();
        if (e instanceof BerthException be) {
            System.err.println(prog + ": " + be.getMessage());
        } else {
            System.err.println(prog + ": " + e);
            if (System.getenv("BERTH_DEBUG") != null) e.printStackTrace();
        }
        return 1;
    }
}
