package dev.berth.cli.runtime;

import dev.berth.common.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "state", description = "Print the OCI state of a container as JSON.")
final class StateCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;

    @Override
    public Integer call() {
        System.out.println(new String(Json.pretty(parent.runtime().state(id).ociState()), java.nio.charset.StandardCharsets.UTF_8));
        return 0;
    }
}
