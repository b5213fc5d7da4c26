package dev.berth.common;

/**
 * The one exception type of Berth. {@link Kind} says what went wrong in a way callers can act on
 * (the API layer maps it to an HTTP status, the CLI to an exit code); the message names the object.
 */
public class BerthException extends RuntimeException {
    public enum Kind {
        NOT_FOUND, ALREADY_EXISTS, CONFLICT, INVALID_ARGUMENT, FAILED_PRECONDITION,
        /** The container's command does not exist (Docker: 127). */
        COMMAND_NOT_FOUND,
        /** The container's command exists but cannot be run (Docker: 126). */
        COMMAND_NOT_EXECUTABLE,
        UNSUPPORTED, PERMISSION_DENIED, INTERNAL
    }

    private final Kind kind;

    public BerthException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BerthException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static BerthException notFound(String fmt, Object... args) {
        return new BerthException(Kind.NOT_FOUND, String.format(fmt, args));
    }

    public static BerthException invalid(String fmt, Object... args) {
        return new BerthException(Kind.INVALID_ARGUMENT, String.format(fmt, args));
    }

    public static BerthException conflict(String fmt, Object... args) {
        return new BerthException(Kind.CONFLICT, String.format(fmt, args));
    }

    public static BerthException internal(String message, Throwable cause) {
        return new BerthException(Kind.INTERNAL, message, cause);
    }
}
