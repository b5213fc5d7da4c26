package dev.berth.cli.docker;

import dev.berth.cli.opts.Converters;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * pflag's parsing over the commands' picocli {@code @Option} fields: long flags with "=value" or a
 * following value, shorthand clusters ("-it", "-eA=1"), booleans that never take the next
 * argument, "--" to end flags, and (for run, create, exec) no flags after the first argument.
 * The docker commands use it instead of picocli's parser: picocli's classes are Java 5 bytecode,
 * which the AOT cache cannot keep, and parsing through them cost ~150 ms per command.
 * picocli still renders --help and the bash completion.
 */
final class FlagParser {
    /** A flag error in pflag's words; the caller adds the usage hint and exits 125. */
    static final class FlagError extends RuntimeException {
        FlagError(String message) {
            super(message, null, false, false);
        }
    }

    /** --help or -h was given. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    private record Flag(String longName, String shortName, Field field, Object target, ITypeConverter<?> converter, boolean bool,
                        boolean list, boolean help) {
        String display() {
            if (shortName != null && longName != null) return "-" + shortName + ", --" + longName;
            return longName != null ? "--" + longName : "-" + shortName;
        }
    }

    private final Map<String, Flag> longs = new HashMap<>();
    private final Map<Character, Flag> shorts = new HashMap<>();

    FlagParser(Object command) {
        List<FlagIndex.Entry> entries = FlagIndex.of(command.getClass());
        if (entries != null) fromIndex(command, entries);
        else collect(command);
    }

    /** The build-time index: fields by name, no annotations read. */
    private void fromIndex(Object command, List<FlagIndex.Entry> entries) {
        try {
            for (FlagIndex.Entry e : entries) {
                Object target = command;
                String[] path = e.path().split("\\.");
                for (int i = 0; i < path.length - 1; i++) {
                    Field m = field(target.getClass(), path[i]);
                    Object mixin = m.get(target);
                    if (mixin == null) {
                        mixin = m.getType().getDeclaredConstructor().newInstance();
                        m.set(target, mixin);
                    }
                    target = mixin;
                }
                Field f = field(target.getClass(), path[path.length - 1]);
                ITypeConverter<?> conv = e.converter() == null ? defaultConverter(f.getType()) : newConverter(Class.forName(e.converter()));
                Flag flag = new Flag(e.longNames().isEmpty() ? null : e.longNames().get(0), e.shortName(), f, target, conv, e.bool(), e.list(), e.help());
                for (String l : e.longNames()) longs.put(l, flag);
                if (e.shortName() != null) shorts.put(e.shortName().charAt(0), flag);
            }
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("flag index out of date: " + ex, ex);
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(c.getName() + "." + name);
    }

    private static ITypeConverter<?> newConverter(Class<?> c) throws ReflectiveOperationException {
        var ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        return (ITypeConverter<?>) ctor.newInstance();
    }

    private static ITypeConverter<?> defaultConverter(Class<?> type) {
        if (type == int.class || type == Integer.class) return new Converters.GoInt();
        if (type == long.class || type == Long.class) return new Converters.GoInt64();
        if (type == boolean.class || type == Boolean.class) return new Converters.GoBool();
        return null;
    }

    private void collect(Object target) {
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    add(o, f, target);
                    continue;
                }
                if (f.isAnnotationPresent(Mixin.class)) {
                    try {
                        f.setAccessible(true);
                        Object mixin = f.get(target);
                        if (mixin == null) {
                            mixin = f.getType().getDeclaredConstructor().newInstance();
                            f.set(target, mixin);
                        }
                        collect(mixin);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("mixin " + f, e);
                    }
                }
            }
        }
    }

    private void add(Option o, Field f, Object target) {
        String longName = null, shortName = null;
        List<String> longAliases = new ArrayList<>();
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                if (longName == null) longName = n.substring(2);
                longAliases.add(n.substring(2));
            } else {
                shortName = n.substring(1);
            }
        }
        Class<?> type = f.getType();
        boolean list = List.class.isAssignableFrom(type);
        boolean bool = type == boolean.class || type == Boolean.class;
        ITypeConverter<?> conv;
        try {
            conv = o.converter().length > 0 ? newConverter(o.converter()[0]) : defaultConverter(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("converter of " + f, e);
        }
        f.setAccessible(true);
        Flag flag = new Flag(longName, shortName, f, target, conv, bool, list, o.usageHelp());
        for (String l : longAliases) longs.put(l, flag);
        if (shortName != null) shorts.put(shortName.charAt(0), flag);
    }

    /** Sets the flags on the command and returns the positional arguments. */
    List<String> parse(List<String> args, boolean interspersed, boolean unknownAsArgs) {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Flag f = longs.get(name);
                if (f == null) {
                    if (unknownAsArgs) {
                        positional.add(a);
                        continue;
                    }
                    throw new FlagError("unknown flag: --" + name);
                }
                if (eq >= 0) {
                    set(f, a.substring(eq + 1));
                } else if (f.bool) {
                    set(f, "true");
                } else {
                    if (i + 1 >= args.size()) throw new FlagError("flag needs an argument: --" + name);
                    set(f, args.get(++i));
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                String cluster = a.substring(1);
                for (int k = 0; k < cluster.length(); k++) {
                    char c = cluster.charAt(k);
                    Flag f = shorts.get(c);
                    if (f == null && c == 'h') throw new HelpRequested();
                    if (f == null) {
                        if (unknownAsArgs) {
                            positional.add(a);
                            break;
                        }
                        throw new FlagError("unknown shorthand flag: '" + c + "' in " + a);
                    }
                    String rest = cluster.substring(k + 1);
                    if (rest.startsWith("=")) {
                        set(f, rest.substring(1));
                        break;
                    }
                    if (f.bool) {
                        set(f, "true");
                        continue;
                    }
                    if (!rest.isEmpty()) {
                        set(f, rest);
                    } else {
                        if (i + 1 >= args.size()) throw new FlagError("flag needs an argument: '" + c + "' in " + a);
                        set(f, args.get(++i));
                    }
                    break;
                }
            } else {
                positional.add(a);
                if (!interspersed) {
                    positional.addAll(args.subList(i + 1, args.size()));
                    break;
                }
            }
        }
        return positional;
    }

    @SuppressWarnings("unchecked")
    private void set(Flag f, String value) {
        if (f.help) throw new HelpRequested();
        Object v;
        try {
            v = f.converter == null ? value : f.converter.convert(value);
        } catch (TypeConversionException e) {
            throw new FlagError("invalid argument \"" + value + "\" for \"" + f.display() + "\" flag: " + e.getMessage());
        } catch (Exception e) {
            throw new FlagError("invalid argument \"" + value + "\" for \"" + f.display() + "\" flag: " + e.getMessage());
        }
        try {
            if (f.list) {
                List<Object> list = (List<Object>) f.field.get(f.target);
                if (list == null) {
                    list = new ArrayList<>();
                    f.field.set(f.target, list);
                }
                list.add(v);
            } else {
                f.field.set(f.target, v);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
