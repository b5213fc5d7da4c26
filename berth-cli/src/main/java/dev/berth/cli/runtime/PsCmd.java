package dev.berth.cli.runtime;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "ps", description = "List the processes of a container.")
final class PsCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Parameters(index = "1..*", paramLabel = "PS_ARGS") List<String> psArgs = List.of();
    @Option(names = {"-f", "--format"}) String format = "table";

    @Override
    public Integer call() throws Exception {
        List<Integer> pids = parent.runtime().ps(id);
        if (format.equals("json")) {
            System.out.println(pids);
            return 0;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("ps"));
        cmd.addAll(psArgs.isEmpty() ? List.of("-ef") : psArgs);
        Process ps = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(ps.getInputStream().readAllBytes()).lines().toList();
        ps.waitFor();
        if (lines.isEmpty()) return 0;
        int pidCol = List.of(lines.get(0).trim().split("\\s+")).indexOf("PID");
        if (pidCol < 0) throw dev.berth.common.BerthException.invalid("couldn't find PID field in ps output");
        System.out.println(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > pidCol && pids.contains(Integer.parseInt(f[pidCol]))) System.out.println(line);
        }
        return 0;
    }
}
