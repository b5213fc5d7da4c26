package dev.berth.cli.docker;

/**
 * A failure the CLI reports and exits on: the message goes to stderr as is (when not null) and
 * the process exits with {@code exitCode}. Like the docker CLI's StatusError.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public CliException(String message) {
        this(message, 1);
    }

    /** An exit status with nothing to print (a container's exit code). */
    public static CliException status(int code) {
        return new CliException(null, code);
    }

    public int exitCode() {
        return exitCode;
    }
}
