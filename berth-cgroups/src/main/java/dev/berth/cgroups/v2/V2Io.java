package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.List;

/**
 * io: the blkio weight goes to io.weight (mapped to 1..10000) and, when BFQ is there, to io.bfq.weight (BFQ takes
 * the 10..1000 value as is); per-device weights need BFQ; throttles go to io.max. Leaf weights are ignored.
 */
final class V2Io implements V2Controller {
    static final String WEIGHT = "io.weight", BFQ_WEIGHT = "io.bfq.weight", MAX = "io.max";

    @Override
    public String controller() {
        return "io";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.blockIO() != null;
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.BlockIO b = r.blockIO();
        if (b.weight() != null && b.weight() != 0) {
            long ioWeight = CgroupValues.ioWeight(b.weight());
            boolean bfq = dir.has(BFQ_WEIGHT), iocost = dir.has(WEIGHT);
            if (!bfq && !iocost)
                throw new BerthException(BerthException.Kind.UNSUPPORTED, "a blkio weight was requested but neither "
                        + dir.file(WEIGHT) + " nor " + BFQ_WEIGHT + " exists");
            if (bfq) dir.write(BFQ_WEIGHT, Integer.toString(b.weight()));
            if (iocost) dir.write(WEIGHT, Long.toString(ioWeight));
        }
        if (b.weightDevice() != null) {
            for (Spec.WeightDevice wd : b.weightDevice()) {
                if (wd.weight() == null || wd.weight() == 0) continue;
                String line = CgroupValues.weightDevice(wd.major(), wd.minor(), wd.weight());
                if (!dir.has(BFQ_WEIGHT))
                    throw new BerthException(BerthException.Kind.UNSUPPORTED, "a per-device blkio weight was requested but "
                            + dir.file(BFQ_WEIGHT) + " does not exist: per-device weights need the BFQ scheduler");
                dir.write(BFQ_WEIGHT, line);
            }
        }
        throttle(dir, "rbps", b.throttleReadBpsDevice());
        throttle(dir, "wbps", b.throttleWriteBpsDevice());
        throttle(dir, "riops", b.throttleReadIOPSDevice());
        throttle(dir, "wiops", b.throttleWriteIOPSDevice());
    }

    private static void throttle(CgroupDir dir, String key, List<Spec.ThrottleDevice> devices) {
        if (devices == null) return;
        for (Spec.ThrottleDevice d : devices) dir.write(MAX, CgroupValues.ioMax(key, d));
    }
}
