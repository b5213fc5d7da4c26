package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code HEALTHCHECK NONE} and {@code HEALTHCHECK [--interval=..] CMD ...} as buildkit's parseHealthcheck reads them. Pure. */
final class HealthcheckChange {
    private static final Set<String> FLAGS = Set.of("interval", "timeout", "start-period", "start-interval", "retries");
    private static final long MIN_NANOS = 1_000_000;

    private HealthcheckChange() {}

    static ImageConfig.Healthcheck parse(DockerfileLines.Instruction i) {
        String rest = i.rest();
        if (rest.isEmpty()) throw ConfigChanges.atLeastOne("HEALTHCHECK");
        String[] typeAndArgs = rest.split("\\s+", 2);
        String type = typeAndArgs[0].toUpperCase(Locale.ROOT);
        String args = typeAndArgs.length > 1 ? typeAndArgs[1] : "";
        if (type.equals("NONE")) {
            if (!args.isEmpty()) throw BerthException.invalid("HEALTHCHECK NONE takes no arguments");
            return new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null);
        }
        Map<String, String> flags = flags(i.flags());
        if (!type.equals("CMD")) throw BerthException.invalid("Unknown type \"%s\" in HEALTHCHECK (try CMD)", type);
        ConfigChanges.CmdLine line = ConfigChanges.cmdLine(args);
        if (line.args().isEmpty()) throw BerthException.invalid("Missing command after HEALTHCHECK CMD");
        List<String> test = new ArrayList<>();
        test.add(line.json() ? "CMD" : "CMD-SHELL");
        test.addAll(line.args());
        Integer retries = null;
        String r = flags.getOrDefault("retries", "");
        if (!r.isEmpty()) {
            try {
                retries = Integer.parseInt(r);
            } catch (NumberFormatException e) {
                throw BerthException.invalid("strconv.ParseInt: parsing \"%s\": invalid syntax", r);
            }
            if (retries < 0) throw BerthException.invalid("--retries cannot be negative (%d)", retries);
            if (retries == 0) retries = null;
        }
        return new ImageConfig.Healthcheck(test, interval(flags, "interval"), interval(flags, "timeout"),
                interval(flags, "start-period"), interval(flags, "start-interval"), retries);
    }

    private static Map<String, String> flags(List<String> raw) {
        Map<String, String> out = new HashMap<>();
        for (String f : raw) {
            String name = ConfigChanges.flagName(f);
            if (!FLAGS.contains(name)) throw BerthException.invalid("unknown flag: %s", name);
            int eq = f.indexOf('=');
            if (eq < 0) throw BerthException.invalid("missing a value on flag: %s", name);
            out.put(name, f.substring(eq + 1));
        }
        return out;
    }

    /** Nanoseconds, or null for unset/zero (Docker leaves zero durations out of the JSON). */
    private static Long interval(Map<String, String> flags, String name) {
        String v = flags.getOrDefault(name, "");
        if (v.isEmpty()) return null;
        long nanos = ChangeValues.goDuration(v);
        if (nanos == 0) return null;
        if (nanos < MIN_NANOS) throw BerthException.invalid("Interval \"%s\" cannot be less than 1ms", name);
        return nanos;
    }
}
