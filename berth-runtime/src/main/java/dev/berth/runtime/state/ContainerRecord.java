package dev.berth.runtime.state;

import java.util.Map;

/**
 * What the runtime remembers of a container, in ROOT/ID/state.json (written atomically). The
 * start times (clock ticks since boot, /proc/PID/stat field 22) tell a live process from a later
 * one that got the same pid.
 */
public record ContainerRecord(
        String id,
        String bundle,
        String rootfs,
        String created,
        String owner,
        Map<String, String> annotations,
        int monitorPid,
        long monitorStart,
        int pid,
        long pidStart,
        String cgroupsPath,
        String cgroupMode) {}
