package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.client.DaemonUnreachable;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.client.Hijacked;
import dev.berth.cli.client.Response;
import dev.berth.cli.opts.ContainerFlags;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.opts.CreateRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** docker run: create, attach (when attached), wait, start, stream, exit with the container's status. */
@Command(name = "run", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]", description = "Create and run a new container from an image")
final class RunCmd extends DockerCommand {
    @Mixin
    ContainerFlags flags;

    @Option(names = {"-d", "--detach"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Proxy received signals to the process (default true)")
    boolean sigProxy = true;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys = "";

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() throws Exception {
        ContainerFlags f = flags;
        if (!List.of("always", "missing", "never", "").contains(f.pull)) {
            throw withHelp("invalid pull option: '" + f.pull + "': must be one of \"always\", \"missing\" or \"never\"", 125);
        }
        DockerClient c = client();
        String api = c.apiVersion();
        FlagVersions.check(this, f, api);
        int[] size = session().ttySize();
        ObjectNode body;
        try {
            body = CreateRequest.build(f, new CreateRequest.Context(args.get(0), args.subList(1, args.size()), false,
                    session().env(), api, size[0], size[1], f.entrypoint != null));
        } catch (IllegalArgumentException e) {
            throw withHelp(e.getMessage(), 125);
        }
        boolean attachStdin = body.path("AttachStdin").asBoolean();
        boolean attachStdout = body.path("AttachStdout").asBoolean();
        boolean attachStderr = body.path("AttachStderr").asBoolean();
        boolean tty = f.tty;
        if (!detach) {
            if (tty && attachStdin && !session().stdinIsTerminal()) throw new CliException("the input device is not a TTY");
        } else {
            if (!f.attach.isEmpty()) throw new CliException("conflicting options: cannot specify both --attach and --detach");
            body.put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false).put("StdinOnce", false);
            attachStdin = attachStdout = attachStderr = false;
        }
        String id;
        try {
            id = ContainerCreator.create(session(), f, body);
        } catch (CliException | DaemonUnreachable e) {
            throw e;
        } catch (RuntimeException e) {
            throw ContainerIO.statusError(this, e);
        }
        if (sigProxy) ContainerIO.forwardSignals(c, id);
        boolean attached = attachStdin || attachStdout || attachStderr;
        if (!attached) {
            out().println(id);
            out().flush();
        }
        Hijacked h = attached ? ContainerIO.attach(c, id, attachStdin, attachStdout, attachStderr, detachKeys) : null;
        Response wait = ContainerIO.waitRequest(c, id, f.rm ? "removed" : "next-exit");
        if (!attached) {
            try {
                c.call("POST", "/containers/" + id + "/start", null, null).close();
            } catch (RuntimeException e) {
                if (f.rm) ContainerIO.waitStatus(session(), wait);
                wait.close();
                if (e instanceof DaemonUnreachable du) throw du;
                throw ContainerIO.statusError(this, e);
            }
            wait.close();
            return 0;
        }
        RuntimeException[] startError = new RuntimeException[1];
        boolean[] started = new boolean[1];
        HijackStreamer.Result result;
        try {
            result = ContainerIO.stream(session(), h, attachStdin ? session().in() : null, attachStdout, attachStderr, tty, detachKeys, () -> {
                try {
                    c.call("POST", "/containers/" + id + "/start", null, null).close();
                    started[0] = true;
                    if (tty && session().stdoutIsTerminal()) ContainerIO.monitorTtySize(session(), "/containers/" + id);
                } catch (RuntimeException e) {
                    startError[0] = e;
                    h.close();
                }
            });
        } catch (CliException e) {
            if (startError[0] == null) throw e;
            result = HijackStreamer.Result.DONE;
        }
        if (startError[0] != null) {
            if (f.rm) ContainerIO.waitStatus(session(), wait);
            wait.close();
            if (startError[0] instanceof DaemonUnreachable du) throw du;
            throw ContainerIO.statusError(this, startError[0]);
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
