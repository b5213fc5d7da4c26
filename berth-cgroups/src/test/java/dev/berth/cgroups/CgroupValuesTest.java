package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CgroupValuesTest {
    @Test
    void cpuSharesMapToWeightLikeRunc() {
        assertEquals(1, CgroupValues.cpuWeight(2));
        assertEquals(20, CgroupValues.cpuWeight(512));
        assertEquals(39, CgroupValues.cpuWeight(1024));
        assertEquals(10000, CgroupValues.cpuWeight(262144));
    }

    @Test
    void cpuSharesOutOfRangeAreRefused() {
        BerthException e = assertThrows(BerthException.class, () -> CgroupValues.cpuWeight(1));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("262144"), e.getMessage());
        assertThrows(BerthException.class, () -> CgroupValues.cpuWeight(262145));
    }

    @Test
    void blkioWeightMapsToIoWeightLikeRunc() {
        assertEquals(1, CgroupValues.ioWeight(10));
        assertEquals(2930, CgroupValues.ioWeight(300));
        assertEquals(4950, CgroupValues.ioWeight(500));
        assertEquals(10000, CgroupValues.ioWeight(1000));
        assertThrows(BerthException.class, () -> CgroupValues.ioWeight(9));
        assertThrows(BerthException.class, () -> CgroupValues.ioWeight(1001));
    }

    @Test
    void swapConvertsFromMemoryPlusSwapToSwapOnly() {
        assertEquals(OptionalLong.of(64L << 20), CgroupValues.swapV2(128L << 20, 64L << 20));
        assertEquals(OptionalLong.of(0), CgroupValues.swapV2(64L << 20, 64L << 20), "equal values disable swap");
        assertEquals(OptionalLong.of(-1), CgroupValues.swapV2(-1L, 64L << 20));
        assertEquals(OptionalLong.of(-1), CgroupValues.swapV2(null, -1L), "unlimited memory, swap unset: both unlimited");
        assertEquals(OptionalLong.of(-1), CgroupValues.swapV2(0L, -1L));
        assertEquals(OptionalLong.empty(), CgroupValues.swapV2(null, 64L << 20));
        assertEquals(OptionalLong.empty(), CgroupValues.swapV2(null, null));
    }

    @Test
    void swapConversionRefusesImpossibleValues() {
        assertTrue(assertThrows(BerthException.class, () -> CgroupValues.swapV2(32L << 20, 64L << 20))
                .getMessage().contains("at least the memory limit"));
        assertTrue(assertThrows(BerthException.class, () -> CgroupValues.swapV2(64L << 20, null))
                .getMessage().contains("without a memory limit"));
        assertThrows(BerthException.class, () -> CgroupValues.swapV2(64L << 20, -1L));
        assertThrows(BerthException.class, () -> CgroupValues.swapV2(-5L, 64L << 20));
    }

    @Test
    void maxFormatting() {
        assertEquals("max", CgroupValues.v2Max("memory limit", -1));
        assertEquals("1048576", CgroupValues.v2Max("memory limit", 1048576));
        assertEquals("-1", CgroupValues.v1Bytes("memory limit", -1));
        assertEquals("4096", CgroupValues.v1Bytes("memory limit", 4096));
        assertThrows(BerthException.class, () -> CgroupValues.v2Max("memory limit", -2));
        assertThrows(BerthException.class, () -> CgroupValues.v1Bytes("memory limit", -2));
    }

    @Test
    void pidsLimitZeroAndNegativeMeanMax() {
        assertEquals("max", CgroupValues.pidsMax(0));
        assertEquals("max", CgroupValues.pidsMax(-1));
        assertEquals("100", CgroupValues.pidsMax(100));
    }

    @Test
    void cpuMaxCombinesQuotaAndPeriod() {
        assertEquals(Optional.of("50000 100000"), CgroupValues.cpuMax(50000L, 100000L, null));
        assertEquals(Optional.of("max 100000"), CgroupValues.cpuMax(-1L, 100000L, null));
        assertEquals(Optional.of("25000"), CgroupValues.cpuMax(25000L, null, "max 100000"));
        assertEquals(Optional.of("30000 50000"), CgroupValues.cpuMax(null, 50000L, "30000 100000"), "period alone keeps the quota");
        assertEquals(Optional.of("max 50000"), CgroupValues.cpuMax(null, 50000L, "max 100000"));
        assertEquals(Optional.empty(), CgroupValues.cpuMax(null, 0L, "max 100000"));
        assertThrows(BerthException.class, () -> CgroupValues.cpuMax(-3L, null, null));
    }

    @Test
    void throttleLines() {
        assertEquals("8:0 1048576", CgroupValues.throttleV1(new Spec.ThrottleDevice(8, 0, 1048576)));
        assertEquals("8:16 rbps=1048576", CgroupValues.ioMax("rbps", new Spec.ThrottleDevice(8, 16, 1048576)));
        assertEquals("8:16 wiops=max", CgroupValues.ioMax("wiops", new Spec.ThrottleDevice(8, 16, 0)), "0 removes the limit");
        assertThrows(BerthException.class, () -> CgroupValues.throttleV1(new Spec.ThrottleDevice(-1, 0, 5)));
        assertEquals("8:0 300", CgroupValues.weightDevice(8, 0, 300));
        assertThrows(BerthException.class, () -> CgroupValues.weightDevice(8, 0, 5));
    }

    @Test
    void hugepageSizesCannotNameOtherFiles() {
        assertEquals("2MB", CgroupValues.hugepageSize("2MB"));
        assertEquals("1GB", CgroupValues.hugepageSize("1GB"));
        assertThrows(BerthException.class, () -> CgroupValues.hugepageSize("../../x"));
        assertThrows(BerthException.class, () -> CgroupValues.hugepageSize("2mb"));
    }

    @Test
    void swappinessRange() {
        assertEquals(Optional.empty(), CgroupValues.swappiness(null));
        assertEquals(Optional.empty(), CgroupValues.swappiness(-1L));
        assertEquals(Optional.of("0"), CgroupValues.swappiness(0L));
        assertThrows(BerthException.class, () -> CgroupValues.swappiness(101L));
    }

    @Test
    void zeroAndNullAreUnset() {
        assertFalse(CgroupValues.isSet(null));
        assertFalse(CgroupValues.isSet(0L));
        assertTrue(CgroupValues.isSet(-1L));
    }
}
