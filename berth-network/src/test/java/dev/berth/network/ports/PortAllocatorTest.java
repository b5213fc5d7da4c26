package dev.berth.network.ports;

import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.berth.network.ports.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortAllocatorTest {
    @Test
    void ephemeralRangeFromProcContentOrDockersDefault(@TempDir Path dir) throws Exception {
        assertEquals(new EphemeralRange(32768, 60999), EphemeralRange.parse("32768\t60999\n"));
        assertEquals(EphemeralRange.DOCKER_DEFAULT, EphemeralRange.parse("garbage"));
        assertEquals(EphemeralRange.DOCKER_DEFAULT, EphemeralRange.parse(null));
        assertEquals(EphemeralRange.DOCKER_DEFAULT, EphemeralRange.parse("60999 32768"));
        assertEquals(new EphemeralRange(49153, 60999), EphemeralRange.DOCKER_DEFAULT);
        Path f = dir.resolve("ip_local_port_range");
        Files.writeString(f, "40000\t40010\n");
        assertEquals(new EphemeralRange(40000, 40010), EphemeralRange.read(f));
        assertEquals(EphemeralRange.DOCKER_DEFAULT, EphemeralRange.read(dir.resolve("missing")));
    }

    @Test
    void fixedPortConflictsLikeDocker() {
        PortAllocator a = new PortAllocator(EphemeralRange.DOCKER_DEFAULT);
        assertEquals(8080, a.allocate("tcp", "", 8080));
        expect(Kind.CONFLICT, "Bind for 0.0.0.0:8080 failed: port is already allocated", () -> a.allocate("tcp", "0.0.0.0", 8080));
        expect(Kind.CONFLICT, "Bind for 127.0.0.1:8080 failed: port is already allocated", () -> a.allocate("tcp", "127.0.0.1", 8080));
        assertEquals(8080, a.allocate("udp", "", 8080));
        a.release("tcp", "", 8080);
        assertEquals(8080, a.allocate("tcp", "127.0.0.1", 8080));
        expect(Kind.CONFLICT, "Bind for 0.0.0.0:8080 failed: port is already allocated", () -> a.allocate("tcp", "0.0.0.0", 8080));
        assertEquals(8080, a.allocate("tcp", "10.0.0.1", 8080));
        assertTrue(a.isAllocated("tcp", "127.0.0.1", 8080));
        assertFalse(a.isAllocated("tcp", "0.0.0.0", 8080));
    }

    @Test
    void ephemeralIsRoundRobinAndExhausts() {
        PortAllocator a = new PortAllocator(new EphemeralRange(40000, 40002));
        assertEquals(40000, a.allocate("tcp", "", 0));
        assertEquals(40001, a.allocate("tcp", "", 0));
        a.release("tcp", "", 40000);
        assertEquals(40002, a.allocate("tcp", "", 0));
        // wraps back to the released one
        assertEquals(40000, a.allocate("tcp", "", 0));
        expect(Kind.FAILED_PRECONDITION, "all ports are allocated", () -> a.allocate("tcp", "", 0));
        // a specific address is blocked by the wildcard holders too
        expect(Kind.FAILED_PRECONDITION, "all ports are allocated", () -> a.allocate("tcp", "127.0.0.1", 0));
        assertEquals(40000, a.allocate("udp", "", 0));
    }

    @Test
    void hostRangeSkipsTakenPorts() {
        PortAllocator a = new PortAllocator(EphemeralRange.DOCKER_DEFAULT);
        a.allocate("tcp", "127.0.0.1", 8000);
        PortMapping m = a.allocate(new PortRequest("tcp", "", 8000, 8002, 80));
        assertEquals(new PortMapping("tcp", "0.0.0.0", 8001, 80), m);
        assertEquals(8002, a.allocate("tcp", "", 8000, 8002));
        expect(Kind.FAILED_PRECONDITION, "all ports are allocated", () -> a.allocate("tcp", "", 8000, 8002));
        expect(Kind.INVALID_ARGUMENT, "invalid port range: 9-8", () -> a.allocate("tcp", "", 9, 8));
        expect(Kind.INVALID_ARGUMENT, "invalid proto: icmp", () -> a.allocate("icmp", "", 9));
    }

    @Test
    void restoreAfterRestartReRegistersPorts() {
        PortAllocator before = new PortAllocator(EphemeralRange.DOCKER_DEFAULT);
        PortMapping fixed = before.allocate(new PortRequest("tcp", "", 8080, 8080, 80));
        PortMapping eph = before.allocate(new PortRequest("udp", "127.0.0.1", 0, 0, 53));
        PortAllocator after = new PortAllocator(EphemeralRange.DOCKER_DEFAULT);
        after.restore(fixed);
        after.restore(eph);
        expect(Kind.CONFLICT, "Bind for 127.0.0.1:8080 failed: port is already allocated",
                () -> after.allocate("tcp", "127.0.0.1", 8080));
        assertTrue(after.isAllocated("udp", "127.0.0.1", eph.hostPort()));
        expect(Kind.CONFLICT, "Bind for 0.0.0.0:8080 failed: port is already allocated", () -> after.restore(fixed));
        after.release(fixed);
        assertEquals(8080, after.allocate("tcp", "127.0.0.1", 8080));
    }
}
