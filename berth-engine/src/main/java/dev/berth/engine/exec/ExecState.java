package dev.berth.engine.exec;

import dev.berth.runtime.ExecHandle;

/** One exec instance: its config, and once started its process and, when done, its exit code. */
public final class ExecState {
    final String id;
    final String containerId;
    final ExecConfig config;
    volatile ExecHandle handle;
    volatile boolean running;
    volatile Integer exitCode;
    volatile boolean started;

    ExecState(String id, String containerId, ExecConfig config) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
    }

    public String id() { return id; }
    public String containerId() { return containerId; }
    public ExecConfig config() { return config; }
    public boolean running() { return running; }
    public Integer exitCode() { return exitCode; }
    public int pid() { return handle == null ? 0 : handle.pid(); }
    public ExecHandle handle() { return handle; }
}
