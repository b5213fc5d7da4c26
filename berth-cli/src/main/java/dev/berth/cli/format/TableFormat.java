package dev.berth.cli.format;

import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import dev.berth.cli.template.TemplateObject;
import java.util.List;
import java.util.Map;

/**
 * docker's formatter.Context: "table ..." renders a header and aligns columns with a tabwriter,
 * "json" is {{json .}}, anything else is a template run once per row; literal \t and \n in the
 * flag become tabs and newlines.
 */
public final class TableFormat {
    private final String format;

    public TableFormat(String format) {
        this.format = format;
    }

    public boolean isTable() {
        return format.startsWith("table");
    }

    /** The template text after docker's pre-formatting. */
    public String body() {
        String f = format;
        if (isTable()) f = f.substring("table".length());
        else if (f.equals("json")) f = "{{json .}}";
        f = f.strip();
        return f.replace("\\t", "\t").replace("\\n", "\n");
    }

    public GoTemplate template() {
        try {
            return GoTemplate.parse(body());
        } catch (TemplateException e) {
            throw new TemplateException("template parsing error: " + e.getMessage());
        }
    }

    public String render(Map<String, String> headers, List<? extends TemplateObject> rows) {
        GoTemplate t = template();
        StringBuilder body = new StringBuilder();
        for (TemplateObject row : rows) {
            try {
                body.append(t.execute(row)).append('\n');
            } catch (TemplateException e) {
                throw new TemplateException("template parsing error: " + e.getMessage());
            }
        }
        if (!isTable()) return body.toString();
        StringBuilder out = new StringBuilder();
        TabWriter tw = TabWriter.docker(out);
        String header;
        try {
            header = t.executeHeader(Row.header(headers));
        } catch (TemplateException e) {
            header = "";
        }
        tw.write(header);
        tw.write("\n");
        tw.write(body.toString());
        tw.flush();
        return out.toString();
    }
}
