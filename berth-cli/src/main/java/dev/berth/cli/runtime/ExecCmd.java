package dev.berth.cli.runtime;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExecHandle;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = "Run a new process in a running container.")
final class ExecCmd implements Callable<Integer> {
    @ParentCommand RuntimeCommand parent;
    @Parameters(index = "0", paramLabel = "CONTAINER_ID") String id;
    @Parameters(index = "1..*", paramLabel = "COMMAND") List<String> command = List.of();
    @Option(names = {"-p", "--process"}, description = "process.json to run") Path processFile;
    @Option(names = "--cwd") String cwd;
    @Option(names = {"-e", "--env"}) List<String> env = List.of();
    @Option(names = {"-t", "--tty"}) boolean tty;
    @Option(names = {"-u", "--user"}, description = "UID[:GID]") String user;
    @Option(names = {"-g", "--additional-gids"}) List<Integer> additionalGids = List.of();
    @Option(names = {"-c", "--cap"}) List<String> caps = List.of();
    @Option(names = "--no-new-privs") boolean noNewPrivs;
    @Option(names = {"-d", "--detach"}) boolean detach;
    @Option(names = "--pid-file") Path pidFile;
    @Option(names = "--console-socket") Path consoleSocket;

    @Override
    public Integer call() throws Exception {
        ContainerRuntime rt = parent.runtime();
        Spec.Process process = processFile != null ? Json.read(processFile, Spec.Process.class) : fromFlags(rt.spec(id).process());
        if (Boolean.TRUE.equals(process.terminal()) && consoleSocket == null)
            throw BerthException.invalid("cannot allocate tty if runc will detach without setting console socket");
        ExecHandle h = rt.exec(id, process, IoOptions.inherit().withConsoleSocket(consoleSocket), "exec-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        PidFile.write(pidFile, h.pid());
        if (detach) return 0;
        try (SignalForwarder fwd = SignalForwarder.forward(sig -> {
            try {
                dev.berth.sys.Libc.kill(h.pid(), sig);
            } catch (dev.berth.sys.Errno ignored) {
                // gone
            }
        })) {
            ExitStatus st = rt.waitExec(h, null);
            rt.removeExec(h);
            return st.code();
        }
    }

    private Spec.Process fromFlags(Spec.Process base) {
        if (command.isEmpty()) throw BerthException.invalid("exec: command must not be empty");
        List<String> environment = new ArrayList<>(base.env() == null ? List.of() : base.env());
        environment.addAll(env);
        Spec.User u = base.user();
        if (user != null) {
            String[] f = user.split(":");
            u = new Spec.User(Integer.parseInt(f[0]), f.length > 1 ? Integer.parseInt(f[1]) : 0, null,
                    additionalGids.isEmpty() ? null : additionalGids, null);
        }
        Spec.Capabilities c = base.capabilities();
        if (!caps.isEmpty() && c != null) {
            c = new Spec.Capabilities(plus(c.bounding(), caps), plus(c.effective(), caps), plus(c.inheritable(), caps),
                    plus(c.permitted(), caps), plus(c.ambient(), caps));
        }
        return new Spec.Process(tty, null, u, command, environment, cwd != null ? cwd : base.cwd(), c, base.rlimits(),
                noNewPrivs || Boolean.TRUE.equals(base.noNewPrivileges()), base.apparmorProfile(), base.oomScoreAdj(), base.selinuxLabel());
    }

    private static List<String> plus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a == null ? List.of() : a);
        for (String s : b) if (!out.contains(s)) out.add(s);
        return out;
    }
}
