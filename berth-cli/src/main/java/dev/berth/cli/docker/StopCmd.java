package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker stop: prints each name stopped; 304 (already stopped) counts as success. */
@Command(name = "stop", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Stop one or more running containers")
final class StopCmd extends DockerCommand {
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal = "";

    @Option(names = {"-t", "--timeout"}, converter = Converters.GoInt.class, description = "Seconds to wait before killing the container")
    Integer timeout;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        return stopOrRestart(this, "stop", signal, timeout);
    }

    static int stopOrRestart(DockerCommand cmd, String verb, String signal, Integer timeout) {
        List<String> errors = new ArrayList<>();
        boolean signalSupported = cmd.client().versionAtLeast("1.42");
        for (String name : cmd.args) {
            Query q = Query.of();
            if (timeout != null) q.set("t", Integer.toString(timeout));
            if (signalSupported) q.opt("signal", signal);
            try {
                cmd.client().call("POST", "/containers/" + name + "/" + verb, q, null).close();
                cmd.out().println(name);
            } catch (dev.berth.cli.client.DaemonError e) {
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }
}
