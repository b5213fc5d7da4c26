package dev.berth.cli.opts;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The docker CLI's per-value flag validators (opts package), run as each flag is parsed; every
 * failure is an {@link IllegalArgumentException} with docker's message.
 */
public final class FlagValues {
    private static final Pattern DEVICE_CGROUP_RULE = Pattern.compile("^[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}$");
    private static final List<String> ULIMITS = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private FlagValues() {}

    public record Ulimit(String name, long soft, long hard) {}

    public record ThrottleDevice(String path, long rate) {}

    public record WeightDevice(String path, int weight) {}

    /** opts.ValidateEnv: "K" takes its value from the environment when set there. */
    public static String env(String val, Map<String, String> environment) {
        int eq = val.indexOf('=');
        String k = eq < 0 ? val : val.substring(0, eq);
        if (k.isEmpty()) throw new IllegalArgumentException("invalid environment variable: " + val);
        if (eq >= 0) return val;
        String v = environment.get(k);
        return v != null ? k + "=" + v : val;
    }

    public static String label(String value) {
        int eq = value.indexOf('=');
        String key = (eq < 0 ? value : value.substring(0, eq)).replaceFirst("^[ \t]+", "");
        if (key.isEmpty()) throw new IllegalArgumentException("invalid label '" + value + "': empty name");
        if (key.contains(" ") || key.contains("\t")) throw new IllegalArgumentException("label '" + key + "' contains whitespaces");
        return value;
    }

    /** go-units ParseUlimit. */
    public static Ulimit ulimit(String val) {
        int eq = val.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("invalid ulimit argument: " + val);
        String name = val.substring(0, eq);
        if (!ULIMITS.contains(name)) throw new IllegalArgumentException("invalid ulimit type: " + name);
        String[] limits = val.substring(eq + 1).split(":", -1);
        long soft, hard;
        switch (limits.length) {
            case 1 -> {
                soft = goInt(limits[0]);
                hard = soft;
            }
            case 2 -> {
                hard = goInt(limits[1]);
                soft = goInt(limits[0]);
            }
            default -> throw new IllegalArgumentException("too many limit value arguments - " + val.substring(eq + 1) + ", can only have up to two, `soft[:hard]`");
        }
        if (hard != -1) {
            if (soft == -1) throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: " + hard);
            if (soft > hard) throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
        }
        return new Ulimit(name, soft, hard);
    }

    /** strconv.ParseInt(s, 10, 64) as go-units calls it. */
    private static long goInt(String s) {
        if (!s.matches("[+-]?[0-9]+")) throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoParse.quote(s) + ": invalid syntax");
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoParse.quote(s) + ": value out of range");
        }
    }

    public static String sysctl(String val) {
        int eq = val.indexOf('=');
        String k = eq < 0 ? "" : val.substring(0, eq);
        if (eq < 0 || k.isEmpty()) throw new IllegalArgumentException("sysctl '" + val + "' is not allowed");
        if (List.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
                "kernel.shmmni", "kernel.shm_rmid_forced").contains(k) || k.startsWith("net.") || k.startsWith("fs.mqueue.")) return val;
        throw new IllegalArgumentException("sysctl '" + val + "' is not allowed");
    }

    public static ThrottleDevice throttleBps(String val) {
        String[] kv = devicePair(val);
        long rate;
        try {
            rate = GoParse.ramInBytes(kv[1]);
        } catch (IllegalArgumentException e) {
            rate = -1;
        }
        if (rate < 0) throw new IllegalArgumentException("invalid rate for device: " + val
                + ". The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb");
        return new ThrottleDevice(kv[0], rate);
    }

    public static ThrottleDevice throttleIops(String val) {
        String[] kv = devicePair(val);
        if (!kv[1].matches("[0-9]+")) throw new IllegalArgumentException("invalid rate for device: " + val
                + ". The correct format is <device-path>:<number>. Number must be a positive integer");
        return new ThrottleDevice(kv[0], Long.parseUnsignedLong(kv[1]));
    }

    public static WeightDevice weightDevice(String val) {
        String[] kv = devicePair(val);
        int w;
        try {
            w = kv[1].matches("[0-9]+") ? Integer.parseInt(kv[1]) : -1;
        } catch (NumberFormatException e) {
            w = -1;
        }
        if (w < 0 || w > 65535 || w > 0 && (w < 10 || w > 1000)) throw new IllegalArgumentException("invalid weight for device: " + val);
        return new WeightDevice(kv[0], w);
    }

    private static String[] devicePair(String val) {
        int c = val.indexOf(':');
        if (c <= 0) throw new IllegalArgumentException("bad format: " + val);
        String k = val.substring(0, c);
        if (!k.startsWith("/dev/")) throw new IllegalArgumentException("bad format for device path: " + val);
        return new String[] {k, val.substring(c + 1)};
    }

    public static String attach(String val) {
        String s = val.toLowerCase(java.util.Locale.ROOT);
        if (s.equals("stdin") || s.equals("stdout") || s.equals("stderr")) return s;
        throw new IllegalArgumentException("valid streams are STDIN, STDOUT and STDERR");
    }

    public static String deviceCgroupRule(String val) {
        if (DEVICE_CGROUP_RULE.matcher(val).matches()) return val;
        throw new IllegalArgumentException("invalid device cgroup format '" + val + "'");
    }

    public static String ip(String val) {
        String v = val.strip();
        if (v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String p : v.split("\\.")) if (Integer.parseInt(p) > 255) throw new IllegalArgumentException("IP address is not correctly formatted: " + val);
            return v.replaceAll("(^|\\.)0+(\\d)", "$1$2");
        }
        if (v.contains(":") && v.matches("[0-9a-fA-F:.]+")) {
            try {
                return java.net.InetAddress.ofLiteral(v).getHostAddress().replaceAll("(^|:)0(:0)+(:|$)", "::");
            } catch (IllegalArgumentException e) {
                // fall through to the error
            }
        }
        throw new IllegalArgumentException("IP address is not correctly formatted: " + val);
    }

    public static String extraHost(String val) {
        int i = val.indexOf('=');
        if (i < 0) i = val.indexOf(':');
        String k = i < 0 ? "" : val.substring(0, i);
        if (i < 0 || k.isEmpty() || k.contains(":")) throw new IllegalArgumentException("bad format for add-host: " + GoParse.quote(val));
        String v = val.substring(i + 1);
        if (!v.equals("host-gateway")) {
            if (v.length() > 2 && v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
            try {
                ip(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid IP address in add-host: " + GoParse.quote(v));
            }
        }
        return k + ":" + v;
    }

    public static String dnsSearch(String val) {
        String v = val.strip();
        if (v.equals(".")) return v;
        if (!v.matches(".*[a-zA-Z].*") || !v.matches("^((([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*)\\.?\\s*$") || v.length() >= 255) {
            throw new IllegalArgumentException(v + " is not a valid domain");
        }
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }

    public static String link(String val) {
        if (val.isEmpty()) throw new IllegalArgumentException("empty string specified for links");
        if (val.split(":", -1).length > 2) throw new IllegalArgumentException("bad format for links: " + val);
        return val;
    }

    /** opts.ParseRestartPolicy; the name itself is checked by the daemon. */
    public static String[] restartPolicy(String policy) {
        if (policy.isEmpty()) return new String[] {"", "0"};
        int c = policy.indexOf(':');
        String k = c < 0 ? policy : policy.substring(0, c);
        String v = c < 0 ? "" : policy.substring(c + 1);
        if (c >= 0 && k.isEmpty()) throw new IllegalArgumentException("invalid restart policy format: no policy provided before colon");
        if (!v.isEmpty()) {
            try {
                Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        return new String[] {k, v.isEmpty() ? "0" : v};
    }
}
