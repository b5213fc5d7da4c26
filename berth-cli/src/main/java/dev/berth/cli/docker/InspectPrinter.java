package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.JsonCodec;
import dev.berth.cli.format.JsonIndent;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What docker's inspect commands print: the bodies found as one indented JSON array (compact for
 * {@code --format json}), or one template result per body; then the errors for the others, joined.
 */
final class InspectPrinter {
    /** The daemon's JSON body for one name, or a CliException/DaemonError saying why not. */
    interface Fetch {
        byte[] body(String ref);
    }

    private InspectPrinter() {}

    static int print(PrintStream out, String format, List<String> refs, Fetch fetch) {
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
        for (String ref : refs) {
            byte[] raw;
            try {
                raw = fetch.body(ref);
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
            out.print(templated.isEmpty() ? "\n" : templated);
        } else if (found.isEmpty()) {
            out.println("[]");
        } else {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write('[');
            for (int i = 0; i < found.size(); i++) {
                if (i > 0) all.write(',');
                all.writeBytes(found.get(i));
            }
            all.write(']');
            out.println(format.equals("json") ? JsonIndent.compact(all.toByteArray()) : JsonIndent.indent(all.toByteArray(), "    "));
        }
        CliException e = DockerCommand.joined(errors);
        if (e != null) throw e;
        return 0;
    }
}
