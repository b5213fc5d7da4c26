package dev.berth.runtime.launch;

/**
 * Where a container process's stdio goes.
 * INHERIT: the caller's own stdio (a foreground `berth runtime run`); NULL: /dev/null;
 * LOG: pipes held by the monitor, written to a json-file log and served on the attach socket.
 * A terminal (process.terminal) overrides all three: a pty, whose master goes to the console socket
 * when one is given, else is held by the monitor like LOG.
 */
public enum Stdio {
    INHERIT, NULL, LOG;

    public String planValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
