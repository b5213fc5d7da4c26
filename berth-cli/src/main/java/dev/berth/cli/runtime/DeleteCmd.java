package dev.berth.cli.runtime;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "delete", aliases = "rm", description = "Delete a stopped container (with -f, any).")
final class DeleteCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(paramLabel = "CONTAINER_ID", arity = "1..*") java.util.List<String> ids;
    @Option(names = {"-f", "--force"}) boolean force;

    @Override
    public Integer call() {
        for (String id : ids) parent.runtime().delete(id, force);
        return 0;
    }
}
