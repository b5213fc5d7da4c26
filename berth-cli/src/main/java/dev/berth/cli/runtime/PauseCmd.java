package dev.berth.cli.runtime;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = "Freeze every process of the container.")
final class PauseCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;

    @Override
    public Integer call() {
        parent.runtime().pause(id);
        return 0;
    }
}
