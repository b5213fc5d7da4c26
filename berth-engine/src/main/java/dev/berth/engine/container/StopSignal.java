package dev.berth.engine.container;

import dev.berth.common.BerthException;
import java.util.Locale;
import java.util.Map;

/** Signal names as Docker takes them ("SIGTERM", "TERM", "15", "SIGRTMIN+3"). */
public final class StopSignal {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24),
            Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31));

    private StopSignal() {}

    public static int parse(String s) {
        if (s == null || s.isEmpty()) return 15;
        String u = s.toUpperCase(Locale.ROOT);
        if (u.startsWith("SIG")) u = u.substring(3);
        Integer n = NUMBERS.get(u);
        if (n != null) return n;
        try {
            if (u.startsWith("RTMIN+")) return 34 + Integer.parseInt(u.substring(6));
            if (u.startsWith("RTMAX-")) return 64 - Integer.parseInt(u.substring(6));
            int v = Integer.parseInt(u);
            if (v > 0 && v <= 64) return v;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw BerthException.invalid("Invalid signal: %s", s);
    }
}
