package dev.berth.engine.spec;

import dev.berth.common.BerthException;

/** BerthExceptions carrying Docker's texts verbatim (no format-string interpretation of the text). */
final class Errors {
    private Errors() {}

    static BerthException invalid(String text) {
        return new BerthException(BerthException.Kind.INVALID_ARGUMENT, text);
    }

    static BerthException unsupported(String text) {
        return new BerthException(BerthException.Kind.UNSUPPORTED, text);
    }

    static BerthException precondition(String text) {
        return new BerthException(BerthException.Kind.FAILED_PRECONDITION, text);
    }
}
