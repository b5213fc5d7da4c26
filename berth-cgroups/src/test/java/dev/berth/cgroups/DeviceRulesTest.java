package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {
    /** The list dockerd 20.10 puts in a default container's config.json. */
    static final List<DeviceRule> DOCKER_DEFAULT = List.of(
            new DeviceRule(false, null, null, null, "rwm"),
            new DeviceRule(true, "c", 1L, 5L, "rwm"),
            new DeviceRule(true, "c", 1L, 3L, "rwm"),
            new DeviceRule(true, "c", 1L, 9L, "rwm"),
            new DeviceRule(true, "c", 1L, 8L, "rwm"),
            new DeviceRule(true, "c", 5L, 0L, "rwm"),
            new DeviceRule(true, "c", 5L, 1L, "rwm"),
            new DeviceRule(false, "c", 10L, 229L, "rwm"),
            new DeviceRule(true, "c", null, null, "m"),
            new DeviceRule(true, "b", null, null, "m"),
            new DeviceRule(true, "c", 136L, null, "rwm"),
            new DeviceRule(true, "c", 5L, 2L, "rwm"),
            new DeviceRule(true, "c", 10L, 200L, "rwm"));

    @Test
    void v1LinesUseWildcardsAndTheAllForm() {
        assertEquals("a", DeviceRules.v1Line(new DeviceRule(false, null, null, null, "rwm")));
        assertEquals("a", DeviceRules.v1Line(new DeviceRule(true, "a", null, null, null)));
        assertEquals("c 1:3 rwm", DeviceRules.v1Line(new DeviceRule(true, "c", 1L, 3L, "rwm")));
        assertEquals("c *:* m", DeviceRules.v1Line(new DeviceRule(true, "c", null, null, "m")));
        assertEquals("c 136:* rwm", DeviceRules.v1Line(new DeviceRule(true, "c", 136L, -1L, null)));
        assertEquals("b 8:0 r", DeviceRules.v1Line(new DeviceRule(true, "b", 8L, 0L, "r")));
    }

    @Test
    void v1WritesFollowTheRuleOrder() {
        List<DeviceRules.Write> w = DeviceRules.v1Writes(DOCKER_DEFAULT);
        assertEquals(new DeviceRules.Write("devices.deny", "a"), w.get(0));
        assertEquals(new DeviceRules.Write("devices.allow", "c 1:5 rwm"), w.get(1));
        assertEquals(new DeviceRules.Write("devices.deny", "c 10:229 rwm"), w.get(7));
        assertEquals(new DeviceRules.Write("devices.allow", "c 10:200 rwm"), w.get(12));
        assertEquals(13, w.size());
    }

    @Test
    void invalidRulesAreRefused() {
        assertThrows(BerthException.class, () -> DeviceRules.v1Line(new DeviceRule(true, "x", 1L, 3L, "rwm")));
        assertThrows(BerthException.class, () -> DeviceRules.v1Line(new DeviceRule(true, "c", 1L, 3L, "rwx")));
        assertThrows(BerthException.class, () -> DeviceRules.v1Line(new DeviceRule(true, "c", 1L, 3L, "rr")));
        assertThrows(BerthException.class, () -> DeviceRules.v1Line(new DeviceRule(true, "c", -5L, 3L, "r")));
    }

    @Test
    void v2AcceptsDockerDefaultAllowAllAndNothing() {
        assertDoesNotThrow(() -> DeviceRules.checkV2(DOCKER_DEFAULT));
        assertDoesNotThrow(() -> DeviceRules.checkV2(List.of(new DeviceRule(true, "a", null, null, "rwm"))));
        assertDoesNotThrow(() -> DeviceRules.checkV2(null));
        assertDoesNotThrow(() -> DeviceRules.checkV2(List.of()));
        // privileged: Docker's default followed by allow-all
        List<DeviceRule> privileged = new ArrayList<>(DOCKER_DEFAULT);
        privileged.add(new DeviceRule(true, null, null, null, "rwm"));
        assertDoesNotThrow(() -> DeviceRules.checkV2(privileged));
    }

    @Test
    void v2RefusesAnExtraDevice() {
        List<DeviceRule> rules = new ArrayList<>(DOCKER_DEFAULT);
        rules.add(new DeviceRule(true, "b", 8L, 0L, "rw"));
        BerthException e = assertThrows(BerthException.class, () -> DeviceRules.checkV2(rules));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("device cgroup rules need eBPF on cgroup v2: not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains("b 8:0 rw"), e.getMessage());
    }

    @Test
    void v2RefusesWiderAccessThanTheDefault() {
        // c *:* m is in the default, c *:* rwm is not
        List<DeviceRule> rules = List.of(new DeviceRule(false, null, null, null, "rwm"), new DeviceRule(true, "c", null, null, "rwm"));
        assertThrows(BerthException.class, () -> DeviceRules.checkV2(rules));
    }

    @Test
    void v2RefusesADenyOnTopOfAllowAll() {
        List<DeviceRule> rules = List.of(new DeviceRule(true, "a", null, null, "rwm"), new DeviceRule(false, "c", 1L, 3L, "w"));
        BerthException e = assertThrows(BerthException.class, () -> DeviceRules.checkV2(rules));
        assertTrue(e.getMessage().contains("denies a device"), e.getMessage());
        // a lone deny (on top of the inherited allow-all) is a restriction too
        assertThrows(BerthException.class, () -> DeviceRules.checkV2(List.of(new DeviceRule(false, "b", 8L, 0L, "rwm"))));
    }
}
