package dev.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Docker's State object of a container (inspect's "State"), also what is persisted. */
public record ContainerState(
        @JsonProperty("Status") String status,
        @JsonProperty("Running") boolean running,
        @JsonProperty("Paused") boolean paused,
        @JsonProperty("Restarting") boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("Dead") boolean dead,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt) {
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public static ContainerState created() {
        return new ContainerState("created", false, false, false, false, false, 0, 0, "", ZERO_TIME, ZERO_TIME);
    }

    public ContainerState started(int pid, String at) {
        return new ContainerState("running", true, false, false, false, false, pid, 0, "", at, ZERO_TIME);
    }

    public ContainerState exited(int code, boolean oom, String at) {
        return new ContainerState("exited", false, false, false, oom, false, 0, code, "", startedAt, at);
    }

    public ContainerState failed(int code, String error, String at) {
        return new ContainerState(startedAt.equals(ZERO_TIME) ? "created" : "exited", false, false, false, false, false, 0, code, error,
                startedAt, at);
    }

    public ContainerState paused(boolean p) {
        return new ContainerState(p ? "paused" : "running", running, p, restarting, oomKilled, dead, pid, exitCode, error, startedAt, finishedAt);
    }

    public ContainerState asRestarting() {
        return new ContainerState("restarting", true, false, true, oomKilled, false, 0, exitCode, error, startedAt, finishedAt);
    }

    public ContainerState removing() {
        return new ContainerState("removing", running, paused, restarting, oomKilled, dead, pid, exitCode, error, startedAt, finishedAt);
    }
}
