package dev.berth.cli.template;

import java.util.List;
import java.util.Map;

/**
 * A Go text/template with docker's function set, for --format. Data is plain Java (Map, List,
 * String, Number, Boolean, null) or {@link TemplateObject}s.
 *
 * <pre>
 *   GoTemplate.parse("{{.State.Pid}}").execute(inspectData)
 *   GoTemplate.parse("{{range .Mounts}}{{.Source}} {{end}}").execute(inspectData)
 * </pre>
 */
public final class GoTemplate {
    private static final Map<String, Funcs.Func> BASIC = Funcs.basic();
    private static Map<String, Funcs.Func> header;

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses; unknown functions and syntax errors throw {@link TemplateException}. */
    public static GoTemplate parse(String source) {
        return new GoTemplate(Parser.parse(source, BASIC.keySet()));
    }

    public String execute(Object data) {
        return run(data, BASIC, Exec.Mode.PLAIN);
    }

    /**
     * As docker inspect runs a template on decoded JSON: first as if on its Go structs (Go field
     * names such as .ID work, JSON nulls print as nil maps and slices, unknown fields fail), and
     * when that fails, on the raw JSON with missing keys as errors and nulls as "<no value>".
     */
    public String executeInspect(Object data) {
        try {
            return run(data, BASIC, Exec.Mode.TYPED);
        } catch (Exec.TypedMiss | TemplateException e) {
            return run(data, BASIC, Exec.Mode.RAW);
        }
    }

    /** Runs with docker's header functions (json, join, upper... return their input), for table headers. */
    public String executeHeader(Object header) {
        if (GoTemplate.header == null) GoTemplate.header = Funcs.header();
        return run(header, GoTemplate.header, Exec.Mode.PLAIN);
    }

    private String run(Object data, Map<String, Funcs.Func> funcs, Exec.Mode mode) {
        StringBuilder out = new StringBuilder();
        new Exec(funcs, mode, out).run(nodes, data);
        return out.toString();
    }
}
