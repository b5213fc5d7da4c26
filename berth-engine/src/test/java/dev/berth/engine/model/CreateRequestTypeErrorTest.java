package dev.berth.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Wrong-typed fields are named the way dockerd's Go decoder names them. */
class CreateRequestTypeErrorTest {
    private static String error(String body) {
        BerthException e = assertThrows(BerthException.class, () -> CreateRequest.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        return e.getMessage();
    }

    @Test
    void aStringForAnInt64HostConfigField() {
        assertEquals("malformed container config: json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64",
                error("{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":\"lots\"}}"));
    }

    @Test
    void anObjectForABoolConfigField() {
        assertEquals("malformed container config: json: cannot unmarshal object into Go struct field ContainerConfigWrapper.Tty of type bool",
                error("{\"Image\":\"busybox\",\"Tty\":{\"yes\":1}}"));
    }

    @Test
    void aNumberForAStringAndAnArrayForAString() {
        String cmd = error("{\"Image\":\"busybox\",\"Cmd\":[\"true\",{\"x\":1}]}");
        assertEquals(true, cmd.contains("Cmd"), cmd);
        String image = error("{\"Image\":[\"busybox\"]}");
        assertEquals("malformed container config: json: cannot unmarshal array into Go struct field ContainerConfigWrapper.Image of type string", image);
    }
}
