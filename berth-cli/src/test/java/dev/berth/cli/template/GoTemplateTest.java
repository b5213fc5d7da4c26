package dev.berth.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.format.GoJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The --format interpreter against what Go's text/template (with docker's functions) prints for the same input. */
class GoTemplateTest {
    private static Map<String, Object> container() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Id", "abc123");
        d.put("Name", "/web");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", "running");
        state.put("Running", true);
        state.put("Pid", 4242);
        state.put("ExitCode", 0);
        d.put("State", state);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Image", "busybox");
        config.put("Env", List.of("PATH=/bin", "A=1"));
        config.put("Cmd", List.of("sh", "-c", "echo hi"));
        config.put("Entrypoint", null);
        config.put("Labels", new TreeMap<>(Map.of("com.example.vendor", "ACME", "version", "1.0")));
        d.put("Config", config);
        List<Object> mounts = new ArrayList<>();
        mounts.add(new LinkedHashMap<>(Map.of("Source", "/data", "Destination", "/d", "RW", true)));
        mounts.add(new LinkedHashMap<>(Map.of("Source", "/logs", "Destination", "/l", "RW", false)));
        d.put("Mounts", mounts);
        d.put("HostConfig", new LinkedHashMap<>(Map.of("Memory", 67108864L, "NanoCpus", 1500000000L)));
        d.put("Ratio", 1.5);
        return d;
    }

    private static String run(String template) {
        return GoTemplate.parse(template).execute(container());
    }

    @Test
    void fieldsAndNestedFields() {
        assertEquals("/web", run("{{.Name}}"));
        assertEquals("4242", run("{{.State.Pid}}"));
        assertEquals("running true", run("{{.State.Status}} {{.State.Running}}"));
        assertEquals("67108864", run("{{.HostConfig.Memory}}"));
        assertEquals("1.5", run("{{.Ratio}}"));
        assertEquals("id=abc123.", run("id={{.Id}}."));
    }

    @Test
    void printsValuesAsGoDoes() {
        assertEquals("[PATH=/bin A=1]", run("{{.Config.Env}}"));
        assertEquals("map[com.example.vendor:ACME version:1.0]", run("{{.Config.Labels}}"));
        assertEquals("<nil>", run("{{.Config.Entrypoint}}"));
        assertEquals("<no value>", run("{{.Nope}}"));
        assertEquals("<no value>", run("{{.Config.Nope}}"));
    }

    @Test
    void json() {
        assertEquals("\"busybox\"", run("{{json .Config.Image}}"));
        assertEquals("[\"sh\",\"-c\",\"echo hi\"]", run("{{json .Config.Cmd}}"));
        assertEquals("{\"com.example.vendor\":\"ACME\",\"version\":\"1.0\"}", run("{{json .Config.Labels}}"));
        assertEquals("null", run("{{json .Config.Entrypoint}}"));
        assertEquals("{\"Status\":\"running\",\"Running\":true,\"Pid\":4242,\"ExitCode\":0}", run("{{json .State}}"));
        // docker's json func does not escape HTML characters
        assertEquals("\"a<b>&c\"", GoTemplate.parse("{{json .}}").execute("a<b>&c"));
    }

    @Test
    void indexOnMapsAndLists() {
        assertEquals("ACME", run("{{index .Config.Labels \"com.example.vendor\"}}"));
        assertEquals("", run("{{index .Config.Labels \"missing\"}}"));
        assertEquals("-c", run("{{index .Config.Cmd 1}}"));
        assertEquals("/logs", run("{{(index .Mounts 1).Source}}"));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{index .Config.Cmd 7}}"));
        assertTrue(e.getMessage().contains("index out of range: 7"), e.getMessage());
    }

    @Test
    void range() {
        assertEquals("/data:/d /logs:/l ", run("{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}"));
        assertEquals("0=sh,1=-c,2=echo hi,", run("{{range $i, $c := .Config.Cmd}}{{$i}}={{$c}},{{end}}"));
        assertEquals("com.example.vendor=ACME;version=1.0;", run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}"));
        assertEquals("none", run("{{range .Config.Entrypoint}}x{{else}}none{{end}}"));
        assertEquals("/data", run("{{range .Mounts}}{{if .RW}}{{.Source}}{{end}}{{end}}"));
        assertEquals("sh", run("{{range .Config.Cmd}}{{.}}{{break}}{{end}}"));
        assertEquals("sh|echo hi|", run("{{range .Config.Cmd}}{{if eq . \"-c\"}}{{continue}}{{end}}{{.}}|{{end}}"));
        // the root stays reachable as $ inside range
        assertEquals("/web/web", run("{{range .Mounts}}{{$.Name}}{{end}}"));
    }

    @Test
    void conditionals() {
        assertEquals("up", run("{{if .State.Running}}up{{else}}down{{end}}"));
        assertEquals("zero", run("{{if .State.ExitCode}}nonzero{{else}}zero{{end}}"));
        assertEquals("b", run("{{if eq .State.Status \"exited\"}}a{{else if eq .State.Status \"running\"}}b{{else}}c{{end}}"));
        assertEquals("yes", run("{{if and .State.Running (eq .State.Pid 4242)}}yes{{end}}"));
        assertEquals("yes", run("{{if or .Nope .State.Running}}yes{{end}}"));
        assertEquals("yes", run("{{if not .Config.Entrypoint}}yes{{end}}"));
        assertEquals("4242", run("{{with .State}}{{.Pid}}{{end}}"));
        assertEquals("none", run("{{with .Config.Entrypoint}}x{{else}}none{{end}}"));
        assertEquals("yes", run("{{if gt .State.Pid 100}}yes{{end}}"));
        assertEquals("yes", run("{{if lt .Ratio 2}}yes{{end}}"));
        assertEquals("yes", run("{{if ne .Name \"/db\"}}yes{{end}}"));
        assertEquals("yes", run("{{if eq .State.Status \"exited\" \"running\"}}yes{{end}}"));
    }

    @Test
    void dockerFunctions() {
        assertEquals("PATH=/bin,A=1", run("{{join .Config.Env \",\"}}"));
        assertEquals("[a b c]", run("{{split \"a:b:c\" \":\"}}"));
        assertEquals("b", run("{{index (split \"a:b:c\" \":\") 1}}"));
        assertEquals("BUSYBOX busybox", run("{{upper .Config.Image}} {{lower \"BusyBox\"}}"));
        assertEquals("Hello World-Wide", run("{{title \"hello world-wide\"}}"));
        assertEquals(" x ", GoTemplate.parse("{{pad . 1 1}}").execute("x"));
        assertEquals("", GoTemplate.parse("{{pad . 1 1}}").execute(""));
        assertEquals("bus", run("{{truncate .Config.Image 3}}"));
        assertEquals("busybox", run("{{truncate .Config.Image 30}}"));
        assertEquals("/WEB", run("{{.Name | upper}}"));
        assertEquals("3", run("{{len .Config.Cmd}}"));
        assertEquals("7", run("{{len .Config.Image}}"));
    }

    @Test
    void printFunctions() {
        assertEquals("a\n", run("{{println \"a\"}}"));
        assertEquals("\n", run("{{println}}"));
        assertEquals("busybox 4242\n", run("{{println .Config.Image .State.Pid}}"));
        assertEquals("4242 1", run("{{print .State.Pid 1}}"));
        assertEquals("ab", run("{{print \"a\" \"b\"}}"));
        assertEquals("web    |   42|0x2a|\"q\"|3.14", run("{{printf \"%-6s |%5d|%#x|%q|%.2f\" \"web\" 42 42 \"q\" 3.14159}}")
                .replace("0x2a", "0x2a"));
        assertEquals("%!d(string=x)", run("{{printf \"%d\" \"x\"}}"));
    }

    @Test
    void variablesAndTrimMarkers() {
        assertEquals("busybox", run("{{$img := .Config.Image}}{{$img}}"));
        assertEquals("b", run("{{$x := \"a\"}}{{$x = \"b\"}}{{$x}}"));
        assertEquals("A=1\nB=2", GoTemplate.parse("{{- range . }}\n  {{- . }}\n{{ end -}}").execute(List.of("A=1", "B=2")).strip()
                .replace("A=1\n", "A=1\n"));
        assertEquals("x", run("  {{- /* a comment */ -}}  x"));
        assertEquals("a-b", run("a {{- \"-\" -}} b"));
        assertEquals("raw\\n", run("{{`raw\\n`}}"));
        assertEquals("tab\there", run("{{\"tab\\there\"}}"));
    }

    @Test
    void templateObjectsWithMethods() {
        TemplateObject row = new TemplateObject() {
            @Override
            public Object field(String name, List<Object> args) {
                if (name.equals("ID")) return "0123456789ab";
                if (name.equals("Label") && args.size() == 1) return "v-" + args.get(0);
                return NO_SUCH_FIELD;
            }

            @Override
            public String typeName() {
                return "*formatter.ContainerContext";
            }
        };
        assertEquals("0123456789ab v-com.x", GoTemplate.parse("{{.ID}} {{.Label \"com.x\"}}").execute(row));
        TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.parse("{{.Nope}}").execute(row));
        assertEquals("template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext", e.getMessage());
    }

    @Test
    void inspectModeLikeDockersTypedThenRawExecution() {
        TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.parse("x {{.State.Pidd}}").executeInspect(container()));
        assertEquals("template: :1:10: executing \"\" at <.State.Pidd>: map has no entry for key \"Pidd\"", e.getMessage());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Id", "sha256:1");
        d.put("Labels", null);
        d.put("Env", null);
        d.put("Health", null);
        d.put("Config", new LinkedHashMap<>(Map.of("Labels", new TreeMap<>(Map.of("a", "b")))));
        // typed: Go field names, nil maps and slices print as Go prints them, free-form maps give <no value>
        assertEquals("sha256:1 map[] [] <nil> <no value>", GoTemplate.parse("{{.ID}} {{.Labels}} {{.Env}} {{.Health}} {{.Config.Labels.x}}").executeInspect(d));
        // .Id is not a Go field: docker falls back to the raw JSON, where null is <no value> and missing keys are errors
        assertEquals("sha256:1 <no value> <no value>", GoTemplate.parse("{{.Id}} {{.Labels}} {{.Env}}").executeInspect(d));
        assertThrows(TemplateException.class, () -> GoTemplate.parse("{{.Id}} {{.Config.Labels.x}}").executeInspect(d));
        assertEquals("null", GoTemplate.parse("{{json .Labels}}").executeInspect(d));
        assertEquals("null", GoTemplate.parse("{{json .Labels}} {{.Id}}").executeInspect(d).split(" ")[0]);
    }

    @Test
    void parseErrors() {
        assertEquals("template: :1: function \"nosuch\" not defined",
                assertThrows(TemplateException.class, () -> GoTemplate.parse("{{nosuch .}}")).getMessage());
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{if .A}}x")).getMessage().contains("unexpected EOF"));
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{end}}")).getMessage().contains("unexpected {{end}}"));
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{.A")).getMessage().contains("unclosed action"));
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{$x}}")).getMessage().contains("undefined variable \"$x\""));
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{\"abc}}")).getMessage().contains("unterminated quoted string"));
        assertTrue(assertThrows(TemplateException.class, () -> GoTemplate.parse("{{break}}")).getMessage().contains("outside {{range}}"));
    }

    @Test
    void executionErrors() {
        assertTrue(assertThrows(TemplateException.class, () -> run("{{.Name.Foo}}")).getMessage().contains("can't evaluate field Foo in type string"));
        assertTrue(assertThrows(TemplateException.class, () -> run("{{.Nope.Foo}}")).getMessage().contains("nil pointer evaluating interface {}.Foo"));
        assertTrue(assertThrows(TemplateException.class, () -> run("{{len .State.Pid}}")).getMessage().contains("len of type int"));
        assertTrue(assertThrows(TemplateException.class, () -> run("{{upper 3}}")).getMessage().contains("expected string"));
    }

    @Test
    void goJsonEscapingOfFormatterContexts() {
        Map<String, Object> m = new TreeMap<>(Map.of("Command", "\"sh -c 'echo > /x'\"", "Platform", GoJson.NIL_MAP));
        assertEquals("{\"Command\":\"\\\"sh -c 'echo \\u003e /x'\\\"\",\"Platform\":null}", GoJson.write((GoJson.Marshaler) () -> m, false));
    }
}
