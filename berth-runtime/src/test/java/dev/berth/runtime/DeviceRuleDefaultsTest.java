package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.cgroups.DeviceRules;
import dev.berth.oci.runtime.Spec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRuleDefaultsTest {
    private static final Spec.DeviceRule DENY_ALL = new Spec.DeviceRule(false, null, null, null, "rwm");

    @Test
    void aRestrictingListGetsTheDefaultsAndTheSpecsDevicesAfterIt() {
        Spec.Memory mem = new Spec.Memory(1L, null, null, null, null, null, null, null, null);
        Spec.Resources r = new Spec.Resources(List.of(DENY_ALL), mem, null, null, null, null, null);
        List<Spec.Device> devices = List.of(new Spec.Device("c", "/dev/fuse", 10, 229, 0666, 0, 0),
                new Spec.Device("b", "/dev/loop0", 7, 0, null, null, null), new Spec.Device("p", "/dev/fifo", 0, 0, null, null, null),
                new Spec.Device("u", "/dev/u", 4, 1, null, null, null));
        Spec.Resources out = DeviceRuleDefaults.apply(r, devices);
        List<Spec.DeviceRule> want = new ArrayList<>(List.of(DENY_ALL));
        want.addAll(DeviceRules.DOCKER_DEFAULT_ALLOWED);
        want.add(new Spec.DeviceRule(true, "c", 10L, 229L, "rwm"));
        want.add(new Spec.DeviceRule(true, "b", 7L, 0L, "rwm"));
        want.add(new Spec.DeviceRule(true, "c", 4L, 1L, "rwm"));
        assertEquals(want, out.devices());
        assertSame(mem, out.memory());
    }

    @Test
    void noRulesStayNoRules() {
        assertNull(DeviceRuleDefaults.apply(null, null));
        Spec.Resources r = new Spec.Resources(null, null, null, null, null, null, null);
        assertSame(r, DeviceRuleDefaults.apply(r, List.of()));
        Spec.Resources empty = new Spec.Resources(List.of(), null, null, null, null, null, null);
        assertSame(empty, DeviceRuleDefaults.apply(empty, null));
    }
}
