package dev.berth.network.ports;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class Errors {
    private Errors() {
    }

    static BerthException expect(BerthException.Kind kind, String message, Executable call) {
        BerthException e = assertThrows(BerthException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(kind, e.kind());
        return e;
    }
}
