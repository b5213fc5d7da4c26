package dev.berth.api.http;

import dev.berth.common.BerthException;

/** The one place where an error's Kind becomes an HTTP status. */
public final class ErrorStatus {
    private ErrorStatus() {}

    public static int of(BerthException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, CONFLICT -> 409;
            case INVALID_ARGUMENT, COMMAND_NOT_FOUND, COMMAND_NOT_EXECUTABLE -> 400;
            case FAILED_PRECONDITION -> 409;
            case UNSUPPORTED -> 501;
            case PERMISSION_DENIED -> 403;
            case INTERNAL -> 500;
        };
    }
}
