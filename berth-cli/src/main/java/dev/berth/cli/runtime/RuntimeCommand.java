package dev.berth.cli.runtime;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `berth runtime`: runc's commands and flags, so one bundle runs under runc and under Berth alike. */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Run OCI bundles directly, with runc's commands and flags.",
        subcommands = {CreateCmd.class, StartCmd.class, RunCmd.class, StateCmd.class, ListCmd.class, KillCmd.class,
                DeleteCmd.class, ExecCmd.class, PsCmd.class, PauseCmd.class, ResumeCmd.class, UpdateCmd.class, SpecCmd.class})
public final class RuntimeCommand implements Runnable {
    @Option(names = "--root", description = "root directory for container state (default: /run/berth/runtime)")
    Path root;

    @Option(names = "--debug", description = "enable debug output")
    boolean debug;

    @Option(names = "--log", description = "accepted for runc compatibility; errors go to stderr")
    String log;

    @Option(names = "--log-format", description = "accepted for runc compatibility")
    String logFormat;

    private ContainerRuntime runtime;

    ContainerRuntime runtime() {
        if (runtime == null) {
            System.setProperty("berth.helper.seal", "c");
            runtime = new ContainerRuntime(RuntimeConfig.defaults(root));
        }
        return runtime;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
