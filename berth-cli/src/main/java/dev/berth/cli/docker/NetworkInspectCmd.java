package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.JsonCodec;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.JsonIndent;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker network inspect: the daemon's bodies as an indented JSON array (or one template result
 * per network); the ones found are printed before the daemon's errors for the others, exit 1.
 */
@Command(name = "inspect", customSynopsis = "[OPTIONS] NETWORK [NETWORK...]", description = "Display detailed information on one or more networks")
final class NetworkInspectCmd extends DockerCommand {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";
    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Verbose output for diagnostics")
    boolean verbose;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        GoTemplate template = null;
        if (!format.isEmpty() && !format.equals("json")) {
            try {
                template = GoTemplate.parse(format);
            } catch (TemplateException e) {
                throw new CliException("template parsing error: " + e.getMessage(), 64);
            }
        }
        List<byte[]> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        StringBuilder templated = new StringBuilder();
        for (String name : args) {
            byte[] raw;
            try {
                raw = fetch(name);
            } catch (CliException | DaemonError e) {
                errors.add(e.getMessage());
                continue;
            }
            if (template == null) {
                found.add(raw);
                continue;
            }
            try {
                templated.append(template.executeInspect(JsonCodec.toJava(JsonCodec.parse(raw)))).append('\n');
            } catch (TemplateException e) {
                errors.add("template parsing error: " + e.getMessage());
            } catch (IOException e) {
                errors.add("unable to read inspect data: " + e.getMessage());
            }
        }
        if (template != null) {
            out().print(templated.isEmpty() ? "\n" : templated);
        } else if (found.isEmpty()) {
            out().println("[]");
        } else {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write('[');
            for (int i = 0; i < found.size(); i++) {
                if (i > 0) all.write(',');
                all.writeBytes(found.get(i));
            }
            all.write(']');
            out().println(format.equals("json") ? JsonIndent.compact(all.toByteArray()) : JsonIndent.indent(all.toByteArray(), "    "));
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }

    private byte[] fetch(String name) {
        String id = name.strip();
        if (id.isEmpty()) throw new CliException("invalid network name or ID: value is empty");
        try (Response r = client().call("GET", "/networks/" + Query.path(id), verbose ? Query.of("verbose", "true") : null, null)) {
            return r.body().readAllBytes();
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }
}
