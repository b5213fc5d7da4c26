package dev.berth.engine.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of POST /containers/{id}/exec. */
public record ExecConfig(
        @JsonProperty("User") String user,
        @JsonProperty("Privileged") Boolean privileged,
        @JsonProperty("Tty") Boolean tty,
        @JsonProperty("AttachStdin") Boolean attachStdin,
        @JsonProperty("AttachStdout") Boolean attachStdout,
        @JsonProperty("AttachStderr") Boolean attachStderr,
        @JsonProperty("Detach") Boolean detach,
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize) {
    public boolean isTty() { return Boolean.TRUE.equals(tty); }
    public boolean stdin() { return Boolean.TRUE.equals(attachStdin); }
}
