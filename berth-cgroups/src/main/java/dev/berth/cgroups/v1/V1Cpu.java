package dev.berth.cgroups.v1;

import static dev.berth.cgroups.CgroupValues.isSet;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.sys.Errno;

/** cpu: shares, CFS quota and period, realtime runtime and period, idle. */
final class V1Cpu implements V1Controller {
    static final String SHARES = "cpu.shares", CFS_PERIOD = "cpu.cfs_period_us", CFS_QUOTA = "cpu.cfs_quota_us",
            RT_PERIOD = "cpu.rt_period_us", RT_RUNTIME = "cpu.rt_runtime_us", IDLE = "cpu.idle";

    @Override
    public String controller() {
        return "cpu";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        Spec.Cpu c = r.cpu();
        return c != null && (isSet(c.shares()) || isSet(c.quota()) || isSet(c.period()) || isSet(c.realtimePeriod())
                || isSet(c.realtimeRuntime()) || c.idle() != null);
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.Cpu c = r.cpu();
        if (isSet(c.shares())) {
            CgroupValues.checkCpuShares(c.shares());
            dir.write(SHARES, Long.toString(c.shares()));
        }
        if (isSet(c.quota()) && c.quota() < -1)
            throw BerthException.invalid("invalid cpu quota %d: must be positive or -1 (unlimited)", c.quota());
        if (isSet(c.period()) && c.period() < 0) throw BerthException.invalid("invalid cpu period %d", c.period());
        writePair(dir, CFS_PERIOD, c.period(), CFS_QUOTA, c.quota());
        if (isSet(c.realtimeRuntime()) && c.realtimeRuntime() < -1)
            throw BerthException.invalid("invalid realtime runtime %d", c.realtimeRuntime());
        if (isSet(c.realtimePeriod()) && c.realtimePeriod() < 0)
            throw BerthException.invalid("invalid realtime period %d", c.realtimePeriod());
        writePair(dir, RT_PERIOD, c.realtimePeriod(), RT_RUNTIME, c.realtimeRuntime());
        if (c.idle() != null) dir.write(IDLE, Long.toString(c.idle()));
    }

    /**
     * Writes a period and its dependent amount. The kernel may refuse a new period (EINVAL) that does not fit the
     * old amount; then the period is written again after the amount, as runc does.
     */
    private static void writePair(CgroupDir dir, String periodFile, Long period, String amountFile, Long amount) {
        boolean periodPending = false;
        if (isSet(period)) {
            int errno = dir.tryWrite(periodFile, Long.toString(period));
            if (errno == Errno.EINVAL && isSet(amount)) periodPending = true;
            else if (errno != 0) throw dir.writeError(periodFile, Long.toString(period), errno);
        }
        if (isSet(amount)) {
            dir.write(amountFile, Long.toString(amount));
            if (periodPending) dir.write(periodFile, Long.toString(period));
        }
    }
}
