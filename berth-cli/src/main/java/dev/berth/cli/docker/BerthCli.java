package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.DaemonUnreachable;
import dev.berth.cli.format.JsonMessageDisplay;
import dev.berth.cli.template.TemplateException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root of {@code berth}: docker's global flags, and only the subcommand being run is
 * registered (picocli reflects over each registered command, and a CLI must start fast); help
 * and completion register them all. Errors become docker's messages and exit codes.
 */
@Command(name = "berth", description = "A self-sufficient runtime for containers (Berth: the Docker CLI for berthd)",
        versionProvider = BerthCli.VersionText.class, synopsisSubcommandLabel = "COMMAND")
public final class BerthCli implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, description = "Daemon socket to connect to")
    String host;
    @Option(names = {"-D", "--debug"}, description = "Enable debug mode")
    boolean debug;
    @Option(names = {"-l", "--log-level"}, description = "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") (default \"info\")")
    String logLevel;
    @Option(names = "--config", description = "Location of client config files")
    String config;
    @Option(names = {"-c", "--context"}, description = "Name of the context to use to connect to the daemon")
    String context;
    @Option(names = "--tls", description = "Use TLS; implied by --tlsverify")
    boolean tls;
    @Option(names = "--tlsverify", description = "Use TLS and verify the remote")
    boolean tlsVerify;
    @Option(names = "--tlscacert", description = "Trust certs signed only by this CA")
    String tlsCaCert;
    @Option(names = "--tlscert", description = "Path to TLS certificate file")
    String tlsCert;
    @Option(names = "--tlskey", description = "Path to TLS key file")
    String tlsKey;
    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print version information and quit")
    boolean version;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    boolean help;

    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Berth version " + dev.berth.cli.client.DockerClient.CLIENT_VERSION};
        }
    }

    /** Commands that take flags only before their first argument (pflag SetInterspersed(false)). */
    private static final Set<String> NOT_INTERSPERSED = Set.of("run", "create", "exec");
    /** Global flags that take a value. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-H", "--host", "-l", "--log-level", "--config", "-c", "--context",
            "--tlscacert", "--tlscert", "--tlskey");

    static final List<String> TOP_LEVEL = List.of("attach", "commit", "cp", "create", "diff", "events", "exec", "export", "history",
            "images", "import", "info", "inspect", "kill", "load", "logs", "pause", "port", "ps", "pull", "push", "rename", "restart",
            "rm", "rmi", "run", "save", "start", "stats", "stop", "tag", "top", "unpause", "update", "version", "wait",
            "container", "image", "network", "system", "daemon", "completion", "runtime");
    static final Map<String, List<String>> GROUPS = Map.of(
            "container", List.of("attach", "commit", "cp", "create", "diff", "exec", "export", "inspect", "kill", "logs", "ls", "pause",
                    "port", "prune", "rename", "restart", "rm", "run", "start", "stats", "stop", "top", "unpause", "update", "wait"),
            "image", List.of("history", "import", "inspect", "load", "ls", "prune", "pull", "push", "rm", "save", "tag"),
            "network", List.of("connect", "create", "disconnect", "inspect", "ls", "prune", "rm"),
            "system", List.of("df", "events", "info"),
            "daemon", List.of("start"));

    @Override
    public Integer call() {
        fullTree().usage(Session.get().out());
        return 0;
    }

    /** A new instance of a command; {@code group} is null for top-level names. */
    static Object command(String group, String name) {
        if (group == null) {
            return switch (name) {
                case "attach" -> new AttachCmd();
                case "commit" -> new CommitCmd();
                case "cp" -> new CpCmd();
                case "create" -> new CreateCmd();
                case "diff" -> new DiffCmd();
                case "events" -> new EventsCmd();
                case "exec" -> new ExecCmd();
                case "export" -> new ExportCmd();
                case "history" -> new HistoryCmd();
                case "images" -> new ImagesCmd();
                case "import" -> new ImportCmd();
                case "info" -> new InfoCmd();
                case "inspect" -> new InspectCmd(null);
                case "kill" -> new KillCmd();
                case "load" -> new LoadCmd();
                case "logs" -> new LogsCmd();
                case "pause" -> new PauseCmd(true);
                case "port" -> new PortCmd();
                case "ps" -> new PsCmd();
                case "pull" -> new PullCmd();
                case "push" -> new PushCmd();
                case "rename" -> new RenameCmd();
                case "restart" -> new RestartCmd();
                case "rm" -> new RmCmd();
                case "rmi" -> new RmiCmd();
                case "run" -> new RunCmd();
                case "save" -> new SaveCmd();
                case "start" -> new StartCmd();
                case "stats" -> new StatsCmd();
                case "stop" -> new StopCmd();
                case "tag" -> new TagCmd();
                case "top" -> new TopCmd();
                case "unpause" -> new PauseCmd(false);
                case "update" -> new UpdateCmd();
                case "version" -> new VersionCmd();
                case "wait" -> new WaitCmd();
                case "container" -> new Groups.Container();
                case "image" -> new Groups.Image();
                case "network" -> new NetworkGroup();
                case "system" -> new Groups.SystemGroup();
                case "daemon" -> new Groups.Daemon();
                case "completion" -> new CompletionCmd();
                default -> null;
            };
        }
        if (group.equals("network")) return NetworkGroup.command(name);
        return switch (group + " " + name) {
            case "container ls", "container ps", "container list" -> new PsCmd();
            case "container inspect" -> new InspectCmd("container");
            case "container prune" -> new PruneCmd(true);
            case "container rm", "container remove" -> new RmCmd();
            case "image ls", "image list" -> new ImagesCmd();
            case "image inspect" -> new InspectCmd("image");
            case "image prune" -> new PruneCmd(false);
            case "image rm", "image remove" -> new RmiCmd();
            case "system df" -> new SystemDfCmd();
            case "daemon start" -> new DaemonStartCmd();
            default -> GROUPS.get(group).contains(name) || "system".equals(group) ? command(null, name) : null;
        };
    }

    private static boolean haltable;

    /** Whether the process may end with Runtime.halt: a docker command ran, everything is flushed and no shutdown hook waits. */
    public static boolean canHalt() {
        return haltable && !dev.berth.cli.term.Terminal.hooksInstalled();
    }

    /** Runs the CLI on the process's streams; the exit code is returned, not taken. */
    public static int execute(String... args) {
        String host = globalHost(args);
        Session s = Session.system(host);
        try {
            int code = execute(s, args);
            haltable = !Arrays.asList(args).contains("runtime") || commandIndex(Arrays.asList(args)) >= args.length
                    || !args[commandIndex(Arrays.asList(args))].equals("runtime");
            return code;
        } finally {
            s.flush();
        }
    }

    public static int execute(Session session, String... argv) {
        Session.set(session);
        List<String> args = Arrays.asList(argv);
        int idx = commandIndex(args);
        String name = idx < args.size() ? args.get(idx) : null;
        if ("runtime".equals(name)) {
            List<String> rest = new ArrayList<>(args.subList(idx, args.size()));
            return new CommandLine(new Groups.RuntimeRoot()).setExecutionExceptionHandler(dev.berth.cli.Errors::handle)
                    .execute(rest.toArray(new String[0]));
        }
        try {
            BerthCli root = new BerthCli();
            new FlagParser(root).parse(args.subList(0, idx), true, false);
            if (root.version) {
                session.out().println(new VersionText().getVersion()[0]);
                return 0;
            }
            if (name == null || name.equals("help")) {
                session.out().print(Help.commands("berth", "A self-sufficient runtime for containers", TOP_LEVEL, n -> command(null, n)));
                return 0;
            }
            if (!name.equals("completion") && !name.equals("daemon")) prewarmUnixSockets();
            Object cmd = command(null, name);
            if (cmd == null) {
                session.err().println("berth: unknown command: berth " + name + "\n\nRun 'berth --help' for more information");
                return 1;
            }
            String path = "berth " + name;
            int next = idx + 1;
            if (GROUPS.containsKey(name)) {
                int j = next;
                while (j < args.size() && args.get(j).startsWith("-")) j++;
                if (j >= args.size()) {
                    String g = name;
                    session.out().print(Help.commands("berth " + g, ((Command) command(null, g).getClass().getAnnotation(Command.class)).description()[0],
                            GROUPS.get(g), n -> command(g, n)));
                    return 0;
                }
                String subName = args.get(j);
                cmd = command(name, subName);
                if (cmd == null) {
                    session.err().println("berth: unknown command: berth " + name + " " + subName
                            + "\n\nUsage:  berth " + name + "\n\nRun 'berth " + name + " --help' for more information");
                    return 1;
                }
                path += " " + subName;
                name = subName;
                next = j + 1;
            }
            DockerCommand dc = (DockerCommand) cmd;
            dc.path = path;
            try {
                dc.args = new FlagParser(dc).parse(args.subList(next, args.size()), !NOT_INTERSPERSED.contains(name), dc instanceof DaemonStartCmd);
            } catch (FlagParser.HelpRequested h) {
                if (args.subList(next, args.size()).contains("-h")) session.out().println("Flag shorthand -h has been deprecated, use --help");
                session.out().print(Help.command(dc));
                return 0;
            } catch (FlagParser.FlagError e) {
                session.err().println(e.getMessage() + "\n\nUsage:  " + dc.useLine() + "\n\nRun '" + path + " --help' for more information");
                return 125;
            }
            return dc.call();
        } catch (FlagParser.HelpRequested h) {
            session.out().print(Help.commands("berth", "A self-sufficient runtime for containers", TOP_LEVEL, n -> command(null, n)));
            return 0;
        } catch (FlagParser.FlagError e) {
            session.err().println(e.getMessage() + "\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]\n\nRun 'berth --help' for more information");
            return 125;
        } catch (Exception e) {
            return handleError(e);
        } finally {
            session.flush();
        }
    }

    /**
     * The JDK's unix-socket support seeds a SecureRandom when first used (tens of milliseconds of
     * security-provider set-up); doing that on another thread overlaps it with parsing the command.
     */
    private static void prewarmUnixSockets() {
        Thread.ofPlatform().daemon().name("prewarm").start(() -> {
            try {
                java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
            } catch (java.io.IOException | UnsupportedOperationException ignored) {
                // the real connection reports what matters
            }
        });
    }

    /** picocli's model of every command, for usage and completion (only then is picocli's parser loaded). */
    static CommandLine fullTree() {
        CommandLine root = new CommandLine(new BerthCli());
        for (String n : TOP_LEVEL) {
            if (n.equals("runtime")) {
                root.addSubcommand("runtime", new dev.berth.cli.runtime.RuntimeCommand());
                continue;
            }
            if (GROUPS.containsKey(n)) {
                root.addSubcommand(n, groupUsage(n));
                continue;
            }
            root.addSubcommand(n, command(null, n));
        }
        return root;
    }

    private static CommandLine groupUsage(String group) {
        CommandLine g = new CommandLine(command(null, group)).setCommandName("berth " + group);
        for (String c : GROUPS.get(group)) g.addSubcommand(c, command(group, c));
        return g;
    }

    /** Index of the command name: the first argument that is neither a global flag nor its value. */
    static int commandIndex(List<String> args) {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) return i + 1;
            if (!a.startsWith("-") || a.equals("-")) return i;
            if (GLOBAL_WITH_VALUE.contains(a)) i++;
            i++;
        }
        return Math.min(i, args.size());
    }

    private static String globalHost(String[] args) {
        String host = null;
        int end = commandIndex(Arrays.asList(args));
        for (int i = 0; i < end && i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-H") || a.equals("--host")) && i + 1 < args.length) host = args[++i];
            else if (a.startsWith("--host=")) host = a.substring(7);
            else if (a.startsWith("-H=")) host = a.substring(3);
            else if (a.startsWith("-H") && a.length() > 2) host = a.substring(2);
        }
        return host;
    }

    /** docker's main: the error text on stderr and its status; DaemonError and friends exit 1. */
    static int handleError(Exception e) {
        Session s = Session.get();
        s.out().flush();
        if (e instanceof CliException ce) {
            if (ce.getMessage() != null) s.err().println(ce.getMessage());
            return ce.exitCode();
        }
        if (e instanceof DaemonError || e instanceof DaemonUnreachable) {
            s.err().println(e.getMessage());
            return 1;
        }
        if (e instanceof TemplateException || e instanceof JsonMessageDisplay.StreamError) {
            s.err().println(e.getMessage());
            return 1;
        }
        if (e instanceof UncheckedIOException u) {
            s.err().println(u.getMessage());
            return 1;
        }
        s.err().println(e.getMessage() != null ? e.getMessage() : e.toString());
        if (s.env().get("BERTH_DEBUG") != null) e.printStackTrace(s.err());
        return 1;
    }
}
