package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.client.Hijacked;
import dev.berth.cli.client.Response;
import dev.berth.cli.opts.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker attach: wait first, then attach to the running container and exit with its status. */
@Command(name = "attach", customSynopsis = "[OPTIONS] CONTAINER", description = "Attach local standard input, output, and error streams to a running container")
final class AttachCmd extends DockerCommand {
    @Option(names = "--no-stdin", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not attach STDIN")
    boolean noStdin;

    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Proxy all received signals to the process (default true)")
    boolean sigProxy = true;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() throws Exception {
        DockerClient c = client();
        String name = args.get(0);
        Response wait = c.call("POST", "/containers/" + name + "/wait", null, null);
        JsonNode info = inspectRunning(c, name);
        boolean tty = info.path("Config").path("Tty").asBoolean();
        if (!noStdin && tty && !session().stdinIsTerminal()) throw new CliException("the input device is not a TTY");
        boolean stdin = !noStdin && info.path("Config").path("OpenStdin").asBoolean();
        String id = info.path("Id").asText();
        if (sigProxy && !tty) ContainerIO.forwardSignals(c, id);
        Hijacked h = ContainerIO.attach(c, name, stdin, true, true, detachKeys);
        inspectRunning(c, name);
        if (tty && session().stdoutIsTerminal()) ContainerIO.resize(c, "/containers/" + id, session().ttySize());
        HijackStreamer.Result result = ContainerIO.stream(session(), h, stdin ? session().in() : null, true, true, tty, detachKeys, null);
        if (result == HijackStreamer.Result.DETACHED) {
            wait.close();
            return 0;
        }
        JsonNode r = wait.json();
        if (r.path("Error").isObject() && !r.path("Error").path("Message").asText("").isEmpty()) throw new CliException(r.path("Error").path("Message").asText());
        int status = r.path("StatusCode").asInt();
        if (status != 0) throw CliException.status(status);
        return 0;
    }

    private static JsonNode inspectRunning(DockerClient c, String name) {
        JsonNode info = c.getJson("/containers/" + name + "/json", null);
        JsonNode state = info.path("State");
        if (!state.path("Running").asBoolean()) throw new CliException("cannot attach to a stopped container, start it first");
        if (state.path("Paused").asBoolean()) throw new CliException("cannot attach to a paused container, unpause it first");
        if (state.path("Restarting").asBoolean()) throw new CliException("cannot attach to a restarting container, wait until it is running");
        return info;
    }
}
