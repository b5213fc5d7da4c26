package dev.berth.daemon;

import dev.berth.common.BerthException;
import picocli.CommandLine;

/** berthd's entry point: flags, then {@link Daemon}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        DaemonOptions opts = new DaemonOptions();
        CommandLine cl = new CommandLine(opts);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(125);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(System.out);
            return;
        }
        try {
            Daemon d = Daemon.start(DaemonConfig.from(opts));
            Runtime.getRuntime().addShutdownHook(new Thread(d::shutdown, "berthd shutdown"));
            d.awaitShutdown();
        } catch (BerthException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            // Not one of ours: a bug, so the stack goes with it.
            System.err.print("berthd: ");
            e.printStackTrace();
            System.exit(1);
        }
    }
}
