package dev.berth.cli.runtime;

import dev.berth.common.Json;
import dev.berth.runtime.Container;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", aliases = "ls", description = "List containers.")
final class ListCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Option(names = {"-f", "--format"}, description = "table or json") String format = "table";
    @Option(names = {"-q", "--quiet"}) boolean quiet;

    @Override
    public Integer call() {
        List<Container> all = parent.runtime().list();
        if (quiet) {
            all.forEach(c -> System.out.println(c.id()));
        } else if (format.equals("json")) {
            System.out.println(new String(Json.bytes(all.stream().map(Container::ociState).toList()), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            System.out.printf("%-12s %-10s %-10s %-40s %-30s %s%n", "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
            for (Container c : all)
                System.out.printf("%-12s %-10d %-10s %-40s %-30s %s%n", c.id(),
                        c.status() == dev.berth.runtime.ContainerStatus.STOPPED ? 0 : c.pid(), c.status().ociName(), c.bundle(), c.created(), c.owner());
        }
        return 0;
    }
}
