package dev.berth.cli.client;

/** Nothing answers at the daemon's address; the message says how to start one. */
public final class DaemonUnreachable extends RuntimeException {
    public DaemonUnreachable(DaemonAddress address, Throwable cause) {
        super("Cannot connect to the Berth daemon at " + address + ". Is berthd running? Start it with `berthd` (or `berth daemon start`).", cause);
    }
}
