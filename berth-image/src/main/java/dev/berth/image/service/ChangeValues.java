package dev.berth.image.service;

import dev.berth.common.BerthException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values inside change instructions: port specs, signals, Go durations. Pure. */
final class ChangeValues {
    private ChangeValues() {}

    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("ABRT", 6), Map.entry("ALRM", 14), Map.entry("BUS", 7), Map.entry("CHLD", 17), Map.entry("CLD", 17),
            Map.entry("CONT", 18), Map.entry("FPE", 8), Map.entry("HUP", 1), Map.entry("ILL", 4), Map.entry("INT", 2),
            Map.entry("IO", 29), Map.entry("IOT", 6), Map.entry("KILL", 9), Map.entry("PIPE", 13), Map.entry("POLL", 29),
            Map.entry("PROF", 27), Map.entry("PWR", 30), Map.entry("QUIT", 3), Map.entry("SEGV", 11), Map.entry("STKFLT", 16),
            Map.entry("STOP", 19), Map.entry("SYS", 31), Map.entry("TERM", 15), Map.entry("TRAP", 5), Map.entry("TSTP", 20),
            Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("USR1", 10), Map.entry("USR2", 12),
            Map.entry("VTALRM", 26), Map.entry("WINCH", 28), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("RTMIN", 34), Map.entry("RTMAX", 64));
    private static final Pattern RT = Pattern.compile("RTM(IN|AX)([+-])([0-9]+)");

    /** Checks a STOPSIGNAL value as Docker's signal.ParseSignal does: "SIGTERM", "TERM", "15", "SIGRTMIN+3". */
    static void checkSignal(String raw) {
        String s = raw.toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) s = s.substring(3);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            if (s.length() > 3 || Integer.parseInt(s) == 0 || Integer.parseInt(s) > 64) throw BerthException.invalid("Invalid signal: %s", raw);
            return;
        }
        if (SIGNALS.containsKey(s)) return;
        Matcher m = RT.matcher(s);
        if (m.matches()) {
            int base = m.group(1).equals("IN") ? 34 : 64;
            int n = base + (m.group(2).equals("+") ? 1 : -1) * Integer.parseInt(m.group(3));
            if (n >= 34 && n <= 64) return;
        }
        throw BerthException.invalid("Invalid signal: %s", raw);
    }

    /**
     * The exposed ports ("80/tcp") of one EXPOSE word, as go-connections' ParsePortSpec reads it:
     * {@code [ip:[hostPort]:]containerPort[-end][/proto]}; only the container port counts.
     */
    static List<String> exposedPorts(String spec) {
        String proto = "tcp";
        String rest = spec;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = spec.substring(0, slash);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) throw BerthException.invalid("invalid proto: %s", proto);
        }
        int colon = rest.lastIndexOf(':');
        String container = colon >= 0 ? rest.substring(colon + 1) : rest;
        int dash = container.indexOf('-');
        int start = port(dash < 0 ? container : container.substring(0, dash), container);
        int end = dash < 0 ? start : port(container.substring(dash + 1), container);
        if (end < start) throw BerthException.invalid("invalid containerPort: %s", container);
        List<String> out = new ArrayList<>();
        for (int p = start; p <= end; p++) out.add(p + "/" + proto);
        return out;
    }

    private static int port(String s, String whole) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid containerPort: %s", whole);
        }
    }

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    /** Nanoseconds of a Go duration ("30s", "1m30s", "1.5h", "0"); INVALID_ARGUMENT with Go's text otherwise. */
    static long goDuration(String s) {
        String in = s;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw BerthException.invalid("time: invalid duration \"%s\"", in);
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
                if (at < s.length() && !Character.isDigit(s.charAt(at)) && s.charAt(at) != '.') throw BerthException.invalid("time: invalid duration \"%s\"", in);
                throw BerthException.invalid("time: missing unit in duration \"%s\"", in);
            }
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw BerthException.invalid("time: invalid duration \"%s\"", in);
        long nanos = total.longValue();
        return negative ? -nanos : nanos;
    }
}
