package dev.berth.cli.client;

/** The daemon answered with an error status; the message is its {@code {"message"}} (or plain-text body). */
public final class DaemonError extends RuntimeException {
    private final int status;
    private final String daemonMessage;

    public DaemonError(int status, String daemonMessage) {
        super("Error response from daemon: " + daemonMessage);
        this.status = status;
        this.daemonMessage = daemonMessage;
    }

    public int status() {
        return status;
    }

    /** The daemon's own words, without the "Error response from daemon: " prefix. */
    public String daemonMessage() {
        return daemonMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
