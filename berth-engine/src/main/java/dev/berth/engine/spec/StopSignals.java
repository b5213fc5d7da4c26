package dev.berth.engine.spec;

import java.util.Locale;
import java.util.Set;

/** Docker's signal.ParseSignal check of Config.StopSignal: a non-zero number, or a Linux signal name with or without "SIG". */
final class StopSignals {
    private static final Set<String> NAMES = Set.of(
            "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE",
            "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU",
            "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX");

    private StopSignals() {}

    static void check(String raw) {
        if (raw == null || raw.isEmpty()) return;
        if (raw.matches("[+-]?\\d{1,18}")) {
            if (Long.parseLong(raw) == 0) throw invalid(raw);
            return;
        }
        String name = raw.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) name = name.substring(3);
        if (NAMES.contains(name)) return;
        java.util.regex.Matcher rt = java.util.regex.Pattern.compile("RTMIN\\+(\\d+)|RTMAX-(\\d+)").matcher(name);
        if (rt.matches()) {
            int n = Integer.parseInt(rt.group(1) != null ? rt.group(1) : rt.group(2));
            if (n >= 1 && n <= (rt.group(1) != null ? 15 : 14)) return;
        }
        throw invalid(raw);
    }

    private static RuntimeException invalid(String raw) {
        return Errors.invalid("Invalid signal: " + raw);
    }
}
