package dev.berth.runtime.launch;

import dev.berth.common.BerthException;

/**
 * What the helper wrote to DIR/result: the monitor's and the process's pids, or a failure whose
 * kind letter says whether the command was missing (Docker's 127), not executable (126), or the
 * set-up failed.
 */
public record LaunchResult(int monitorPid, int pid) {
    public static LaunchResult parse(String text) {
        String t = text.strip();
        if (t.startsWith("ok ")) {
            String[] f = t.split(" ");
            return new LaunchResult(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        }
        if (t.startsWith("err ")) {
            // "err KIND ERRNO message"
            String[] f = t.split(" ", 4);
            String message = f.length > 3 ? f[3] : "unknown error";
            BerthException.Kind kind = switch (f.length > 1 ? f[1] : "S") {
                case "N" -> BerthException.Kind.COMMAND_NOT_FOUND;
                case "X" -> BerthException.Kind.COMMAND_NOT_EXECUTABLE;
                default -> BerthException.Kind.FAILED_PRECONDITION;
            };
            throw new BerthException(kind, message);
        }
        throw new BerthException(BerthException.Kind.INTERNAL, "helper result unreadable: " + t);
    }
}
