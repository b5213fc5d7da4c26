package dev.berth.firewall;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerUserRulesTest {
    @Test
    void insertArgs() {
        assertEquals(List.of("-w", "-I", "DOCKER-USER", "-i", "berth0", "-m", "comment", "--comment", "berth:berth", "-j", "ACCEPT"),
                DockerUserRules.insertArgs("-i berth0", "berth"));
        assertEquals(List.of("-i berth0", "-o berth0", "-i br-x", "-o br-x"), DockerUserRules.wanted(List.of("berth0", "br-x")));
    }

    @Test
    void findsOnlyThisTablesRules() {
        String listing = """
                -N DOCKER-USER
                -A DOCKER-USER -i berth0 -m comment --comment berth:berth -j ACCEPT
                -A DOCKER-USER -o berth0 -m comment --comment "berth:berth" -j ACCEPT
                -A DOCKER-USER -i berth0 -m comment --comment berth:berth_t1 -j ACCEPT
                -A DOCKER-USER -i eth1 -m comment --comment "admin rule" -j ACCEPT
                -A DOCKER-USER -i docker0 -j ACCEPT
                -A DOCKER-USER -j RETURN
                """;
        Map<String, List<String>> found = DockerUserRules.present(listing, "berth");
        assertEquals(List.of("-i berth0", "-o berth0"), List.copyOf(found.keySet()));
        assertEquals(List.of("-w", "-D", "DOCKER-USER", "-o", "berth0", "-m", "comment", "--comment", "berth:berth", "-j", "ACCEPT"),
                found.get("-o berth0"));
        assertEquals(List.of("-i berth0"), List.copyOf(DockerUserRules.present(listing, "berth_t1").keySet()));
        assertTrue(DockerUserRules.present("-N DOCKER-USER\n-A DOCKER-USER -j RETURN\n", "berth").isEmpty());
    }

    @Test
    void adviceNamesTheRules() {
        assertEquals("iptables -I FORWARD -i berth0 -j ACCEPT; iptables -I FORWARD -o berth0 -j ACCEPT",
                DockerUserRules.advice(List.of("berth0")));
    }
}
