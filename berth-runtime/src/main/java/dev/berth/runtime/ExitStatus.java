package dev.berth.runtime;

/** How a process ended: its code as a shell reports it (128+N for signal N) and whether the OOM killer took it. */
public record ExitStatus(int code, int signal, boolean oomKilled) {
    /** From a raw wait(2) status. */
    public static ExitStatus fromWaitStatus(int status, boolean oomKilled) {
        int signal = status & 0x7f;
        if (signal == 0) return new ExitStatus((status >> 8) & 0xff, 0, oomKilled);
        return new ExitStatus(128 + signal, signal, oomKilled);
    }
}
