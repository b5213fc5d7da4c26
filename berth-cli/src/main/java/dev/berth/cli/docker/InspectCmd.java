package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.opts.Converters;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker inspect (and container/image inspect): the daemon's JSON re-indented as an array, or a
 * template per object. Without --type each name is tried as container, image, network and
 * volume before "Error: No such object".
 */
@Command(name = "inspect", customSynopsis = "[OPTIONS] NAME|ID [NAME|ID...]", description = "Return low-level information on Docker objects")
final class InspectCmd extends DockerCommand {
    private static final List<String> TYPES = List.of("config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume");

    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";
    @Option(names = "--type", description = "Only inspect objects of the given type")
    String type;
    @Option(names = {"-s", "--size"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Display total file sizes if the type is container")
    boolean size;

    private final String fixedType;

    InspectCmd(String fixedType) {
        this.fixedType = fixedType;
    }

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        String t = fixedType != null ? fixedType : type == null ? "" : type;
        if (fixedType == null && type != null && type.isEmpty()) {
            throw new CliException("type is empty: must be one of \"" + String.join("\", \"", TYPES) + "\"");
        }
        if (!t.isEmpty() && !TYPES.contains(t)) {
            throw new CliException("unknown type: \"" + t + "\": must be one of \"" + String.join("\", \"", TYPES) + "\"");
        }
        return InspectPrinter.print(out(), format, args, ref -> find(ref, t));
    }

    private byte[] find(String ref, String t) {
        record Kind(String type, String path) {}
        List<Kind> kinds = List.of(new Kind("container", "/containers/" + ref + "/json"), new Kind("image", "/images/" + ref + "/json"),
                new Kind("network", "/networks/" + ref), new Kind("volume", "/volumes/" + ref));
        for (Kind k : kinds) {
            if (!t.isEmpty() && !t.equals(k.type())) continue;
            Query q = k.type().equals("container") && size ? Query.of("size", "1") : null;
            try (Response r = client().call("GET", k.path(), q, null)) {
                return r.body().readAllBytes();
            } catch (DaemonError e) {
                if (t.isEmpty() && (e.isNotFound() || e.status() == 501 || e.daemonMessage().contains("not supported"))) continue;
                throw e;
            } catch (IOException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (!t.isEmpty()) throw new CliException("Error: No such " + t + ": " + ref);
        throw new CliException("Error: No such object: " + ref);
    }
}
