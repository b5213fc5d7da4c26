package dev.berth.cli.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Runs a parsed template against data, with Go's rules for fields, variables, pipelines and control structures. */
final class Exec {
    private static final Object NONE = new Object();

    private static final class Break extends RuntimeException {
        Break() {
            super(null, null, false, false);
        }
    }

    private static final class Continue extends RuntimeException {
        Continue() {
            super(null, null, false, false);
        }
    }

    /** How map lookups behave: Go's default, docker inspect's typed attempt, or its raw fallback (missingkey=error). */
    enum Mode { PLAIN, TYPED, RAW }

    /** The typed attempt met a name only the JSON has (".Id"): docker then reruns the template on the raw JSON. */
    static final class TypedMiss extends RuntimeException {
        TypedMiss() {
            super(null, null, false, false);
        }
    }

    /** Go field names of docker's inspect structs that their JSON spells differently. */
    private static final Map<String, String> GO_TO_JSON = Map.ofEntries(Map.entry("ID", "Id"), Map.entry("DNS", "Dns"),
            Map.entry("DNSOptions", "DnsOptions"), Map.entry("DNSSearch", "DnsSearch"), Map.entry("CPUShares", "CpuShares"),
            Map.entry("NanoCPUs", "NanoCpus"), Map.entry("CPUPeriod", "CpuPeriod"), Map.entry("CPUQuota", "CpuQuota"),
            Map.entry("CPURealtimePeriod", "CpuRealtimePeriod"), Map.entry("CPURealtimeRuntime", "CpuRealtimeRuntime"),
            Map.entry("CPUCount", "CpuCount"), Map.entry("CPUPercent", "CpuPercent"), Map.entry("APIVersion", "ApiVersion"));
    private static final java.util.Set<String> JSON_ONLY = java.util.Set.copyOf(GO_TO_JSON.values());

    private final Map<String, Funcs.Func> funcs;
    private final Mode mode;
    private final StringBuilder out;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private Node.Action current;

    Exec(Map<String, Funcs.Func> funcs, Mode mode, StringBuilder out) {
        this.funcs = funcs;
        this.mode = mode;
        this.out = out;
    }

    void run(List<Node> list, Object root) {
        push("$", root);
        walk(list, root);
    }

    private void walk(List<Node> list, Object dot) {
        for (Node n : list) {
            // instanceof chains, not pattern switches: their bootstrap costs milliseconds at start-up
            if (n instanceof Node.Text t) {
                out.append(t.text());
            } else if (n instanceof Node.Action a) {
                current = a;
                Object v = pipeline(dot, a.pipe());
                if (a.pipe().decl().isEmpty()) out.append(Values.print(v));
            } else if (n instanceof Node.Control c) {
                control(c, dot);
            } else if (n instanceof Node.Break) {
                throw new Break();
            } else {
                throw new Continue();
            }
        }
    }

    private void control(Node.Control c, Object dot) {
        int mark = varNames.size();
        try {
            switch (c.kind()) {
                case "if" -> {
                    Object v = pipeline(dot, c.pipe());
                    if (Values.truth(v)) walk(c.list(), dot);
                    else if (c.elseList() != null) walk(c.elseList(), dot);
                }
                case "with" -> {
                    Object v = pipeline(dot, c.pipe());
                    if (Values.truth(v)) walk(c.list(), v);
                    else if (c.elseList() != null) walk(c.elseList(), dot);
                }
                default -> range(c, dot);
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Node.Control c, Object dot) {
        Node.Pipeline p = c.pipe();
        Object v = pipeline(dot, new Node.Pipeline(List.of(), false, p.cmds(), p.source()));
        List<String> decl = p.decl();
        int mark = varNames.size();
        boolean any = false;
        if (v instanceof Collection<?> list) {
            long i = 0;
            for (Object e : list) {
                any = true;
                if (!iteration(c, decl, i++, e, mark)) break;
            }
        } else if (v instanceof Map<?, ?> map) {
            for (var e : Values.sorted(map).entrySet()) {
                any = true;
                if (!iteration(c, decl, e.getKey(), e.getValue(), mark)) break;
            }
        } else if (v instanceof Number n && Values.isInteger(n)) {
            for (long i = 0; i < n.longValue(); i++) {
                any = true;
                if (!iteration(c, decl, i, i, mark)) break;
            }
        } else if (v != null && v != Values.NO_VALUE) {
            throw fail("range can't iterate over " + Values.print(v));
        }
        if (!any && c.elseList() != null) walk(c.elseList(), dot);
    }

    /** One pass of a range body; false after {{break}}. */
    private boolean iteration(Node.Control c, List<String> decl, Object key, Object elem, int mark) {
        if (decl.size() == 1) push(decl.get(0), elem);
        else if (decl.size() == 2) {
            push(decl.get(0), key);
            push(decl.get(1), elem);
        }
        try {
            walk(c.list(), elem);
        } catch (Break b) {
            return false;
        } catch (Continue k) {
            // next element
        } finally {
            pop(mark);
        }
        return true;
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.remove(varNames.size() - 1);
            varValues.remove(varValues.size() - 1);
        }
    }

    private Object variable(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) if (varNames.get(i).equals(name)) return varValues.get(i);
        throw fail("undefined variable: " + name);
    }

    private void setVariable(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw fail("undefined variable: " + name);
    }

    private Object pipeline(Object dot, Node.Pipeline p) {
        Object value = NONE;
        for (Node.Command cmd : p.cmds()) value = command(dot, cmd, value);
        for (String v : p.decl()) {
            if (p.assign()) setVariable(v, value);
            else push(v, value);
        }
        return value;
    }

    private Object command(Object dot, Node.Command cmd, Object fin) {
        Node.Operand first = cmd.args().get(0);
        List<Node.Operand> rest = cmd.args().subList(1, cmd.args().size());
        if (first instanceof Node.Field f) return chain(dot, dot, f.names(), rest, fin);
        if (first instanceof Node.Variable v) {
            Object val = variable(v.name());
            if (v.names().isEmpty()) {
                noArgs(rest, fin, v.name());
                return val;
            }
            return chain(dot, val, v.names(), rest, fin);
        }
        if (first instanceof Node.Sub s) {
            Object val = pipeline(dot, s.pipe());
            if (s.names().isEmpty()) {
                noArgs(rest, fin, "(" + s.pipe().source() + ")");
                return val;
            }
            return chain(dot, val, s.names(), rest, fin);
        }
        if (first instanceof Node.Ident id) {
            List<Object> args = new ArrayList<>();
            for (Node.Operand o : rest) args.add(arg(dot, o));
            if (fin != NONE) args.add(fin);
            return call(id.name(), args);
        }
        if (first instanceof Node.Dot) {
            noArgs(rest, fin, ".");
            return dot;
        }
        Node.Literal l = (Node.Literal) first;
        noArgs(rest, fin, String.valueOf(l.value()));
        return l.value();
    }

    private void noArgs(List<Node.Operand> rest, Object fin, String what) {
        if (!rest.isEmpty() || fin != NONE) throw fail("can't give argument to non-function " + what);
    }

    private Object call(String name, List<Object> args) {
        Funcs.Func f = funcs.get(name);
        if (f == null) throw fail("\"" + name + "\" is not a defined function");
        for (int i = 0; i < args.size(); i++) if (args.get(i) == Values.NO_VALUE && !name.equals("print") && !name.equals("println") && !name.equals("printf")) args.set(i, null);
        try {
            return f.apply(args);
        } catch (TemplateException e) {
            String msg = e.getMessage();
            throw fail(msg.startsWith("error calling") || msg.startsWith("wrong number") ? msg : "error calling " + name + ": " + msg);
        }
    }

    private Object arg(Object dot, Node.Operand o) {
        if (o instanceof Node.Field f) return chain(dot, dot, f.names(), List.of(), NONE);
        if (o instanceof Node.Variable v) return v.names().isEmpty() ? variable(v.name()) : chain(dot, variable(v.name()), v.names(), List.of(), NONE);
        if (o instanceof Node.Sub s) return s.names().isEmpty() ? pipeline(dot, s.pipe()) : chain(dot, pipeline(dot, s.pipe()), s.names(), List.of(), NONE);
        if (o instanceof Node.Ident id) return call(id.name(), new ArrayList<>());
        if (o instanceof Node.Dot) return dot;
        return ((Node.Literal) o).value();
    }

    private Object chain(Object dot, Object receiver, List<String> names, List<Node.Operand> rest, Object fin) {
        for (int i = 0; i < names.size() - 1; i++) receiver = field(receiver, names.get(i), List.of());
        List<Object> args = new ArrayList<>();
        for (Node.Operand o : rest) args.add(arg(dot, o));
        if (fin != NONE) args.add(fin);
        return field(receiver, names.get(names.size() - 1), args);
    }

    private Object field(Object receiver, String name, List<Object> args) {
        if (receiver instanceof TemplateObject obj) {
            Object v = obj.field(name, args);
            if (v == TemplateObject.NO_SUCH_FIELD) throw fail("can't evaluate field " + name + " in type " + obj.typeName());
            return v;
        }
        if (receiver instanceof Map<?, ?> map) {
            if (!args.isEmpty()) throw fail(name + " is not a method but has arguments");
            switch (mode) {
                case TYPED -> {
                    if (JSON_ONLY.contains(name) && map.containsKey(name)) throw new TypedMiss();
                    String key = GO_TO_JSON.getOrDefault(name, name);
                    if (map.containsKey(key)) {
                        Object v = map.get(key);
                        return v == null ? Values.typedNull(name) : v;
                    }
                    if (structLike(map)) throw new TypedMiss();
                    return Values.NO_VALUE;
                }
                case RAW -> {
                    if (!map.containsKey(name)) throw fail("map has no entry for key \"" + name + "\"");
                    Object v = map.get(name);
                    return v == null ? Values.NO_VALUE : v;
                }
                default -> {
                    return map.containsKey(name) ? map.get(name) : Values.NO_VALUE;
                }
            }
        }
        if (receiver == null || receiver == Values.NO_VALUE) throw fail("nil pointer evaluating interface {}." + name);
        throw fail("can't evaluate field " + name + " in type " + Values.typeName(receiver));
    }

    /** Objects decoded from docker's structs (all keys capitalised) versus free-form maps like Labels. */
    private static boolean structLike(Map<?, ?> map) {
        if (map.isEmpty()) return false;
        for (Object k : map.keySet()) {
            String s = String.valueOf(k);
            if (s.isEmpty() || !Character.isUpperCase(s.charAt(0))) return false;
        }
        return true;
    }

    private TemplateException fail(String msg) {
        if (current == null) return new TemplateException("template: :1: " + msg);
        return new TemplateException("template: :" + current.line() + ":" + current.col() + ": executing \"\" at <" + current.source() + ">: " + msg);
    }
}
