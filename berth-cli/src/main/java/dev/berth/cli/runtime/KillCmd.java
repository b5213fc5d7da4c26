package dev.berth.cli.runtime;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "kill", description = "Send a signal (default SIGTERM) to the container's init.")
final class KillCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Parameters(index = "1", arity = "0..1", paramLabel = "SIGNAL") String signal = "TERM";
    @Option(names = {"-a", "--all"}, description = "send to every process of the container") boolean all;

    @Override
    public Integer call() {
        parent.runtime().kill(id, Signals.parse(signal), all);
        return 0;
    }
}
