package dev.berth.cli.docker;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --help in docker's layout ("Usage:  berth ps [OPTIONS]", description, sorted options), from the commands' annotations. */
final class Help {
    private Help() {}

    private record Line(String sortKey, String flags, String text) {}

    static String command(DockerCommand cmd) {
        Command c = cmd.getClass().getAnnotation(Command.class);
        StringBuilder sb = new StringBuilder();
        sb.append("Usage:  ").append(cmd.useLine()).append("\n\n");
        if (c != null && c.description().length > 0) sb.append(c.description()[0]).append("\n\n");
        List<Line> lines = new ArrayList<>();
        collect(cmd, lines);
        lines.sort(Comparator.comparing(Line::sortKey));
        sb.append("Options:\n");
        int width = 0;
        for (Line l : lines) width = Math.max(width, l.flags.length());
        for (Line l : lines) sb.append(String.format("  %-" + width + "s   %s%n", l.flags, l.text));
        return sb.toString();
    }

    static String commands(String path, String description, List<String> names, java.util.function.Function<String, Object> factory) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage:  ").append(path).append(" COMMAND\n\n").append(description).append("\n\nCommands:\n");
        int width = 0;
        for (String n : names) width = Math.max(width, n.length());
        for (String n : names) {
            Object o = factory.apply(n);
            Command c = o == null ? null : o.getClass().getAnnotation(Command.class);
            String d = c != null && c.description().length > 0 ? c.description()[0] : "";
            sb.append(String.format("  %-" + width + "s   %s%n", n, d));
        }
        sb.append("\nRun '").append(path).append(" COMMAND --help' for more information on a command.\n");
        return sb.toString();
    }

    private static void collect(Object target, List<Line> lines) {
        for (Class<?> k = target.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null && !o.hidden()) {
                    String shortName = null, longName = null;
                    for (String n : o.names()) {
                        if (n.startsWith("--")) {
                            if (longName == null) longName = n;
                        } else {
                            shortName = n;
                        }
                    }
                    String type = typeName(f);
                    String flags = (shortName != null ? shortName + ", " : "    ") + (longName != null ? longName : "") + (type.isEmpty() ? "" : " " + type);
                    String desc = o.description().length > 0 ? o.description()[0] : "";
                    lines.add(new Line(longName != null ? longName.substring(2) : shortName.substring(1), flags, desc));
                } else if (f.isAnnotationPresent(Mixin.class)) {
                    try {
                        f.setAccessible(true);
                        Object m = f.get(target);
                        if (m == null) m = f.getType().getDeclaredConstructor().newInstance();
                        collect(m, lines);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private static String typeName(Field f) {
        Class<?> t = f.getType();
        if (t == boolean.class || t == Boolean.class) return "";
        if (t == int.class || t == Integer.class) return "int";
        if (t == long.class || t == Long.class) {
            Option o = f.getAnnotation(Option.class);
            String conv = o.converter().length > 0 ? o.converter()[0].getSimpleName() : "";
            return conv.startsWith("Mem") ? "bytes" : conv.equals("Duration") ? "duration" : conv.equals("NanoCpus") ? "decimal" : "int";
        }
        if (List.class.isAssignableFrom(t)) return f.getName().equals("filter") ? "filter" : "list";
        return "string";
    }
}
