package dev.berth.runtime;

import dev.berth.runtime.state.ProcFs;
import dev.berth.runtime.state.StateDir;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a monitor to write its exit file. The monitor is not our child (it outlives us), so we
 * poll a pidfd of it: readable once it has exited, which it does right after writing the file.
 */
final class MonitorWait {
    private MonitorWait() {}

    /** The raw wait status, or null on timeout or when the monitor died without writing one. */
    static Integer await(int monitorPid, long monitorStart, Path exitFile, Duration timeout) {
        Integer st = StateDir.readStatus(exitFile);
        if (st != null) return st;
        int pidfd;
        try {
            if (!ProcFs.isSame(monitorPid, monitorStart)) return StateDir.readStatus(exitFile);
            pidfd = Libc.pidfdOpen(monitorPid);
        } catch (Errno e) {
            return StateDir.readStatus(exitFile);
        }
        try {
            int ms = timeout == null ? -1 : (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            if (!Libc.pollIn(pidfd, ms)) return null;
        } catch (Errno e) {
            throw dev.berth.common.BerthException.internal("wait for monitor " + monitorPid + ": " + e.getMessage(), e);
        } finally {
            Libc.close(pidfd);
        }
        return StateDir.readStatus(exitFile);
    }
}
