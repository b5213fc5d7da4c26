package dev.berth.cli.runtime;

import dev.berth.runtime.Container;
import dev.berth.runtime.launch.IoOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a container (its program waits for `start`).")
final class CreateCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Option(names = {"-b", "--bundle"}, description = "path to the bundle (default: current dir)") Path bundle = Path.of(".");
    @Option(names = "--console-socket", description = "unix socket that receives the pty master") Path consoleSocket;
    @Option(names = "--pid-file", description = "file to write the init's pid to") Path pidFile;
    @Option(names = "--no-pivot", description = "use MS_MOVE+chroot instead of pivot_root") boolean noPivot;

    @Override
    public Integer call() throws Exception {
        Container c = parent.runtime().create(id, bundle.toAbsolutePath(), IoOptions.inherit().withConsoleSocket(consoleSocket));
        PidFile.write(pidFile, c.pid());
        return 0;
    }
}
