package dev.berth.cli.docker;

import dev.berth.cli.opts.ContainerFlags;
import dev.berth.cli.opts.CreateRequest;
import dev.berth.cli.template.GoTemplate;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A training run for the CLI's AOT cache (scripts/build-aot-cache.sh): exercises the docker
 * commands' start-up paths in one JVM without changing anything — flag parsing of run, the create
 * body, templates and tables offline, and read-only requests (version, ps, images, info) when a
 * daemon answers. Arguments after it, if any, are run as a normal berth command afterwards
 * (the script's `runtime run` training).
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        List<List<String>> commands = List.of(
                List.of("version"), List.of("ps", "-a"), List.of("ps", "-a", "--format", "{{json .}}"), List.of("images"),
                List.of("images", "-q"), List.of("info", "--format", "{{.ServerVersion}}"), List.of("inspect", "--type", "image", "busybox"),
                List.of("inspect", "-f", "{{.Id}} {{range .RepoTags}}{{.}}{{end}}", "busybox"), List.of("logs", "--help"),
                List.of("run", "-d", "--rm", "-e", "A=1", "-m", "64m", "--cpus", "1.5", "-v", "/tmp:/tmp", "--pull", "bogus", "busybox", "true"),
                List.of("exec", "--help"), List.of("nosuchcommand"));
        for (List<String> c : commands) {
            Session s = new Session(null, env, new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            try {
                BerthCli.execute(s, c.toArray(new String[0]));
            } catch (RuntimeException ignored) {
                // training only: failures (no daemon) still exercise the code
            }
        }
        RunCmd run = new RunCmd();
        new FlagParser(run).parse(List.of("-it", "--rm", "--name", "x", "-e", "A=1", "-p", "8080:80", "--ulimit", "nofile=10:20",
                "--mount", "type=bind,src=/tmp,dst=/t", "busybox", "sh"), false, false);
        ContainerFlags flags = run.flags;
        CreateRequest.build(flags, new CreateRequest.Context("busybox", List.of("sh"), false, env, "1.43", 24, 80, false));
        GoTemplate.parse("{{range $i, $m := .Mounts}}{{if $i}},{{end}}{{$m.Source | upper}}{{end}} {{json .Config}} {{index .Config.Labels \"a\"}}")
                .execute(Map.of("Mounts", List.of(Map.of("Source", "/a")), "Config", Map.of("Labels", Map.of("a", "b"))));
        if (args.length > 0) System.exit(BerthCli.execute(args));
    }
}
