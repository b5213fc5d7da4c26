package dev.berth.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads of /proc/PID that tell whether a pid is still the process we started. */
public final class ProcFs {
    private ProcFs() {}

    /** Start time of pid in clock ticks since boot, or -1 when there is no such process. */
    public static long startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Field 2 (comm) may hold spaces and parentheses: fields are counted after the last ')'.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** True when pid runs and is the process that started at startTime (and is not a zombie). */
    public static boolean isSame(int pid, long startTime) {
        if (pid <= 0) return false;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[19]) == startTime && !rest[0].equals("Z") && !rest[0].equals("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
