package dev.berth.cli.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands' flags as a plain-text index written at build time (process-classes), so that
 * parsing a command line needs no annotation reflection: reading picocli's annotations costs
 * tens of milliseconds per run (proxy classes are generated for them and the AOT cache cannot
 * keep those). One line per flag:
 * {@code CommandClass|field[.field]|--long,--alias|-s|ConverterClass|bool|list|help}.
 */
final class FlagIndex {
    static final String RESOURCE = "flags.idx";

    /** One flag of one command class: where it lives and how it parses. */
    record Entry(String path, List<String> longNames, String shortName, String converter, boolean bool, boolean list, boolean help) {}

    private static Map<String, List<Entry>> index;

    private FlagIndex() {}

    /** The flags of a command class, or null when there is no index (running from sources). */
    static synchronized List<Entry> of(Class<?> command) {
        if (index == null) index = load();
        return index.get(command.getName());
    }

    private static Map<String, List<Entry>> load() {
        Map<String, List<Entry>> out = new HashMap<>();
        try (InputStream in = FlagIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return out;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String[] p = line.split("\\|", -1);
                if (p.length != 8) continue;
                out.computeIfAbsent(p[0], k -> new ArrayList<>()).add(new Entry(p[1], p[2].isEmpty() ? List.of() : List.of(p[2].split(",")),
                        p[3].isEmpty() ? null : p[3], p[4].isEmpty() ? null : p[4], p[5].equals("bool"), p[6].equals("list"), p[7].equals("help")));
            }
        } catch (IOException e) {
            return new HashMap<>();
        }
        return out;
    }

    /** Writes the index for every command into the given classes directory. */
    public static void main(String[] args) throws IOException {
        Set<Class<?>> classes = new LinkedHashSet<>();
        classes.add(BerthCli.class);
        for (String n : BerthCli.TOP_LEVEL) {
            Object c = BerthCli.command(null, n);
            if (c != null) classes.add(c.getClass());
            if (BerthCli.GROUPS.containsKey(n)) for (String s : BerthCli.GROUPS.get(n)) classes.add(BerthCli.command(n, s).getClass());
        }
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : classes) write(sb, c.getName(), c, "");
        Path out = Path.of(args[0], FlagIndex.class.getPackageName().replace('.', '/'), RESOURCE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }

    private static void write(StringBuilder sb, String owner, Class<?> type, String prefix) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    List<String> longs = new ArrayList<>();
                    String shortName = "";
                    for (String n : o.names()) {
                        if (n.startsWith("--")) longs.add(n.substring(2));
                        else shortName = n.substring(1);
                    }
                    Class<?> t = f.getType();
                    boolean bool = t == boolean.class || t == Boolean.class;
                    String conv = o.converter().length > 0 ? o.converter()[0].getName() : "";
                    sb.append(owner).append('|').append(prefix).append(f.getName()).append('|').append(String.join(",", longs)).append('|')
                            .append(shortName).append('|').append(conv).append('|').append(bool ? "bool" : "value").append('|')
                            .append(List.class.isAssignableFrom(t) ? "list" : "one").append('|').append(o.usageHelp() ? "help" : "").append('\n');
                } else if (f.isAnnotationPresent(Mixin.class)) {
                    write(sb, owner, f.getType(), prefix + f.getName() + ".");
                }
            }
        }
    }
}
