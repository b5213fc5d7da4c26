package dev.berth.runtime;

import java.nio.file.Path;

/** A process started by exec: its pid, its monitor, and the directory of its exit file and attach socket. */
public record ExecHandle(String containerId, String execId, int pid, int monitorPid, long monitorStart, Path dir) {}
