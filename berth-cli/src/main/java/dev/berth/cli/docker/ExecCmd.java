package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.client.Hijacked;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.opts.CreateRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker exec: inspect, create the exec, start it hijacked, exit with its ExitCode. */
@Command(name = "exec", customSynopsis = "[OPTIONS] CONTAINER COMMAND [ARG...]", description = "Execute a command in a running container")
final class ExecCmd extends DockerCommand {
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";
    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Keep STDIN open even if not attached")
    boolean interactive;
    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Allocate a pseudo-TTY")
    boolean tty;
    @Option(names = {"-d", "--detach"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Detached mode: run command in the background")
    boolean detach;
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
    String user = "";
    @Option(names = "--privileged", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Give extended privileges to the command")
    boolean privileged;
    @Option(names = {"-e", "--env"}, converter = Converters.Env.class, description = "Set environment variables")
    List<String> env = new ArrayList<>();
    @Option(names = "--env-file", description = "Read in a file of environment variables")
    List<String> envFile = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container")
    String workdir = "";

    @Override
    Arity arity() {
        return new Arity(2, -1);
    }

    @Override
    int run() throws Exception {
        String container = args.get(0);
        List<String> cmd = args.subList(1, args.size());
        List<String> environment;
        try {
            environment = new ArrayList<>(CreateRequest.readKvFiles(envFile, session().env(), true));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        environment.addAll(env);
        DockerClient c = client();
        c.getJson("/containers/" + container + "/json", null);
        boolean attachStdin = !detach && interactive;
        if (!detach && tty && attachStdin && !session().stdinIsTerminal()) throw new CliException("the input device is not a TTY");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("User", user);
        body.put("Privileged", privileged);
        body.put("Tty", tty);
        int[] size = session().ttySize();
        if (tty && c.versionAtLeast("1.42")) body.putArray("ConsoleSize").add(size[0]).add(size[1]);
        body.put("AttachStdin", attachStdin);
        body.put("AttachStderr", !detach);
        body.put("AttachStdout", !detach);
        body.put("Detach", detach);
        body.put("DetachKeys", detachKeys);
        if (environment.isEmpty()) body.putNull("Env");
        else environment.forEach(body.withArray("Env")::add);
        body.put("WorkingDir", workdir);
        cmd.forEach(body.withArray("Cmd")::add);
        JsonNode created = c.postJson("/containers/" + container + "/exec", null, body);
        String execId = created.path("Id").asText();
        if (execId.isEmpty()) throw new CliException("exec ID empty");
        ObjectNode start = JsonNodeFactory.instance.objectNode();
        start.put("Detach", detach);
        start.put("Tty", tty);
        if (tty && c.versionAtLeast("1.42")) start.putArray("ConsoleSize").add(size[0]).add(size[1]);
        if (detach) {
            c.call("POST", "/exec/" + execId + "/start", null, start).close();
            return 0;
        }
        Hijacked h = c.hijack("/exec/" + execId + "/start", null, start);
        HijackStreamer.Result result = ContainerIO.stream(session(), h, attachStdin ? session().in() : null, true, true, tty, detachKeys, () -> {
            if (tty && session().stdinIsTerminal()) ContainerIO.monitorTtySize(session(), "/exec/" + execId);
        });
        if (result == HijackStreamer.Result.DETACHED) return 0;
        JsonNode inspect = c.getJson("/exec/" + execId + "/json", null);
        int code = inspect.path("ExitCode").asInt();
        if (code != 0) throw CliException.status(code);
        return 0;
    }
}
