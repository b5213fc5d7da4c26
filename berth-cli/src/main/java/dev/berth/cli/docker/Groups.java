package dev.berth.cli.docker;

import picocli.CommandLine.Command;

/** The management commands (berth container ..., image ..., system ..., daemon ...): usage only, the work is in their subcommands. */
final class Groups {
    private Groups() {}

    @Command(name = "container", description = "Manage containers")
    static final class Container {}

    @Command(name = "image", description = "Manage images")
    static final class Image {}

    @Command(name = "system", description = "Manage Berth")
    static final class SystemGroup {}

    @Command(name = "daemon", description = "Manage the Berth daemon")
    static final class Daemon {}

    /** `berth runtime ...` keeps picocli end to end, under a root named berth as its messages expect. */
    @Command(name = "berth", subcommands = dev.berth.cli.runtime.RuntimeCommand.class)
    static final class RuntimeRoot implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.err);
        }
    }
}
