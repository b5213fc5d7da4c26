package dev.berth.cli.runtime;

import dev.berth.runtime.Container;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Create and start a container; without -d, wait for it and exit with its status.")
final class RunCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Option(names = {"-b", "--bundle"}) Path bundle = Path.of(".");
    @Option(names = "--console-socket") Path consoleSocket;
    @Option(names = "--pid-file") Path pidFile;
    @Option(names = {"-d", "--detach"}) boolean detach;
    @Option(names = "--no-pivot") boolean noPivot;
    @Option(names = "--keep", description = "do not delete the container after it exits") boolean keep;

    @Override
    public Integer call() throws Exception {
        ContainerRuntime rt = parent.runtime();
        Container c = rt.create(id, bundle.toAbsolutePath(), IoOptions.inherit().withConsoleSocket(consoleSocket));
        PidFile.write(pidFile, c.pid());
        try (SignalForwarder fwd = detach ? null : SignalForwarder.forward(sig -> rt.kill(id, sig, false))) {
            rt.start(id);
            if (detach) return 0;
            ExitStatus st = rt.waitExit(id, null);
            if (!keep) rt.delete(id, true);
            return st.code();
        } catch (RuntimeException e) {
            try {
                rt.delete(id, true);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
