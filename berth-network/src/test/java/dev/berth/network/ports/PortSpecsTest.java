package dev.berth.network.ports;

import dev.berth.common.BerthException.Kind;
import dev.berth.network.ports.PortSpecs.Binding;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.network.ports.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PortSpecsTest {
    private static List<PortRequest> of(String key, Binding... bindings) {
        return PortSpecs.requests(Map.of(key, List.of(bindings)), false, List.of());
    }

    @Test
    void fixedEphemeralAndHostIp() {
        assertEquals(List.of(new PortRequest("tcp", "0.0.0.0", 8080, 8080, 80)), of("80/tcp", new Binding("", "8080")));
        assertEquals(List.of(new PortRequest("udp", "127.0.0.1", 0, 0, 53)), of("53/udp", new Binding("127.0.0.1", "")));
        assertEquals(List.of(new PortRequest("tcp", "0.0.0.0", 0, 0, 80)), of("80", new Binding(null, null)));
        assertEquals(List.of(new PortRequest("tcp", "::", 0, 0, 80)), of("80/tcp", new Binding("[::]", "0")));
    }

    @Test
    void hostRangeForASinglePortMeansAnyPortOfIt() {
        assertEquals(List.of(new PortRequest("tcp", "0.0.0.0", 8000, 8010, 80)), of("80/tcp", new Binding("", "8000-8010")));
    }

    @Test
    void equalRangesMapOneToOne() {
        assertEquals(List.of(new PortRequest("tcp", "0.0.0.0", 9000, 9000, 8000),
                        new PortRequest("tcp", "0.0.0.0", 9001, 9001, 8001),
                        new PortRequest("tcp", "0.0.0.0", 9002, 9002, 8002)),
                of("8000-8002/tcp", new Binding("", "9000-9002")));
        assertEquals(3, of("8000-8002/tcp", Binding.ephemeral()).size());
    }

    @Test
    void errorsAreDockers() {
        expect(Kind.INVALID_ARGUMENT, "invalid port specification: \"abc\"", () -> of("abc/tcp", Binding.ephemeral()));
        expect(Kind.INVALID_ARGUMENT, "invalid port specification: \"0\"", () -> of("0/tcp", Binding.ephemeral()));
        expect(Kind.INVALID_ARGUMENT, "invalid port specification: \"70000\"", () -> of("70000", Binding.ephemeral()));
        expect(Kind.INVALID_ARGUMENT, "invalid port specification: \"90-80\"", () -> of("90-80", Binding.ephemeral()));
        expect(Kind.INVALID_ARGUMENT, "invalid proto: icmp", () -> of("80/icmp", Binding.ephemeral()));
        expect(Kind.INVALID_ARGUMENT, "invalid hostPort: x1", () -> of("80/tcp", new Binding("", "x1")));
        expect(Kind.INVALID_ARGUMENT, "invalid hostPort: 0-5", () -> of("80/tcp", new Binding("", "0-5")));
        expect(Kind.INVALID_ARGUMENT, "invalid ranges specified for container and host Ports: 8000-8002 and 9000-9005",
                () -> of("8000-8002/tcp", new Binding("", "9000-9005")));
        expect(Kind.INVALID_ARGUMENT, "invalid IP address: localhost", () -> of("80/tcp", new Binding("localhost", "")));
    }

    @Test
    void publishAllAddsEphemeralForExposedPortsWithoutBindingsSortedByPort() {
        Map<String, List<Binding>> bindings = new LinkedHashMap<>();
        bindings.put("443/tcp", List.of(new Binding("127.0.0.1", "8443")));
        bindings.put("80/tcp", List.of());
        List<PortRequest> got = PortSpecs.requests(bindings, true, List.of("443/tcp", "53/udp", "80/tcp"));
        assertEquals(List.of(new PortRequest("udp", "0.0.0.0", 0, 0, 53),
                new PortRequest("tcp", "0.0.0.0", 0, 0, 80),
                new PortRequest("tcp", "127.0.0.1", 8443, 8443, 443)), got);
        // Without PublishAllPorts, an empty binding list and exposed ports publish nothing.
        assertEquals(List.of(new PortRequest("tcp", "127.0.0.1", 8443, 8443, 443)),
                PortSpecs.requests(bindings, false, List.of("53/udp")));
    }

    @Test
    void severalBindingsForOnePortKeepTheirOrder() {
        assertEquals(List.of(new PortRequest("tcp", "127.0.0.1", 8080, 8080, 80),
                        new PortRequest("tcp", "10.0.0.1", 8080, 8080, 80)),
                of("80/tcp", new Binding("127.0.0.1", "8080"), new Binding("10.0.0.1", "8080"),
                        new Binding("127.0.0.1", "8080")));
    }
}
