package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.client.Hijacked;
import dev.berth.cli.client.Response;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker start; with -a/-i it attaches first and exits with the container's status, like run. */
@Command(name = "start", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Start one or more stopped containers")
final class StartCmd extends DockerCommand {
    @Option(names = {"-a", "--attach"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Attach container's STDIN")
    boolean interactive;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() throws Exception {
        DockerClient c = client();
        if (!attach && !interactive) {
            List<String> failed = new ArrayList<>();
            for (String name : args) {
                try {
                    c.call("POST", "/containers/" + name + "/start", null, null).close();
                    out().println(name);
                } catch (DaemonError e) {
                    err().println(e.getMessage());
                    failed.add(name);
                }
            }
            if (!failed.isEmpty()) throw new CliException("Error: failed to start containers: " + String.join(", ", failed));
            return 0;
        }
        if (args.size() > 1) throw new CliException("you cannot start and attach multiple containers at once");
        JsonNode info = c.getJson("/containers/" + args.get(0) + "/json", null);
        String id = info.path("Id").asText();
        boolean tty = info.path("Config").path("Tty").asBoolean();
        boolean stdin = interactive && info.path("Config").path("OpenStdin").asBoolean();
        if (!tty) ContainerIO.forwardSignals(c, id);
        Hijacked h = ContainerIO.attach(c, id, stdin, true, true, detachKeys);
        Response wait = ContainerIO.waitRequest(c, id, info.path("HostConfig").path("AutoRemove").asBoolean() ? "removed" : "next-exit");
        RuntimeException[] startError = new RuntimeException[1];
        HijackStreamer.Result result = ContainerIO.stream(session(), h, stdin ? session().in() : null, true, true, tty, detachKeys, () -> {
            try {
                c.call("POST", "/containers/" + id + "/start", null, null).close();
                if (tty && session().stdoutIsTerminal()) ContainerIO.monitorTtySize(session(), "/containers/" + id);
            } catch (RuntimeException e) {
                startError[0] = e;
                h.close();
            }
        });
        if (startError[0] != null) {
            wait.close();
            throw startError[0];
        }
        if (result == HijackStreamer.Result.DETACHED) {
            wait.close();
            return 0;
        }
        int status = ContainerIO.waitStatus(session(), wait);
        if (status != 0) throw CliException.status(status);
        return 0;
    }
}
