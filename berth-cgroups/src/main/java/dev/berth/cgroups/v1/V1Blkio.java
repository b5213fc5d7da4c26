package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.List;

/**
 * blkio: weights (blkio.weight, or BFQ's blkio.bfq.weight when CFQ is gone) and throttles. Leaf weights are
 * ignored: the kernel removed them with CFQ.
 */
final class V1Blkio implements V1Controller {
    static final String WEIGHT = "blkio.weight", BFQ_WEIGHT = "blkio.bfq.weight",
            WEIGHT_DEVICE = "blkio.weight_device", BFQ_WEIGHT_DEVICE = "blkio.bfq.weight_device",
            READ_BPS = "blkio.throttle.read_bps_device", WRITE_BPS = "blkio.throttle.write_bps_device",
            READ_IOPS = "blkio.throttle.read_iops_device", WRITE_IOPS = "blkio.throttle.write_iops_device";

    @Override
    public String controller() {
        return "blkio";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.blockIO() != null;
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.BlockIO b = r.blockIO();
        if (b.weight() != null && b.weight() != 0) {
            CgroupValues.checkBlkioWeight("blkio weight", b.weight());
            dir.write(pick(dir, WEIGHT, BFQ_WEIGHT, "a blkio weight"), Integer.toString(b.weight()));
        }
        if (b.weightDevice() != null) {
            for (Spec.WeightDevice wd : b.weightDevice()) {
                if (wd.weight() == null || wd.weight() == 0) continue;
                String line = CgroupValues.weightDevice(wd.major(), wd.minor(), wd.weight());
                dir.write(pick(dir, WEIGHT_DEVICE, BFQ_WEIGHT_DEVICE, "a per-device blkio weight"), line);
            }
        }
        throttle(dir, READ_BPS, b.throttleReadBpsDevice());
        throttle(dir, WRITE_BPS, b.throttleWriteBpsDevice());
        throttle(dir, READ_IOPS, b.throttleReadIOPSDevice());
        throttle(dir, WRITE_IOPS, b.throttleWriteIOPSDevice());
    }

    private static String pick(CgroupDir dir, String preferred, String fallback, String what) {
        if (dir.has(preferred)) return preferred;
        if (dir.has(fallback)) return fallback;
        throw new BerthException(BerthException.Kind.UNSUPPORTED, what + " was requested but neither " + dir.file(preferred)
                + " nor " + fallback + " exists: no I/O scheduler with weights (CFQ or BFQ) is available");
    }

    private static void throttle(CgroupDir dir, String file, List<Spec.ThrottleDevice> devices) {
        if (devices == null) return;
        for (Spec.ThrottleDevice d : devices) dir.write(file, CgroupValues.throttleV1(d));
    }
}
