package dev.berth.runtime.launch;

import java.nio.file.Path;

/**
 * How to wire a process's stdio: the mode, the console socket (runc's --console-socket) for a
 * terminal, the json-file log path for LOG (null: no log, only the attach socket), whether stdin is
 * kept open, whether stdin closes when the first attached client leaves (Docker's StdinOnce), and
 * json-file rotation: logMaxSize bytes (0: unbounded) and logMaxFiles files kept.
 */
public record IoOptions(Stdio stdio, Path consoleSocket, Path logPath, boolean openStdin, boolean stdinOnce, long logMaxSize,
                        int logMaxFiles) {
    public IoOptions(Stdio stdio, Path consoleSocket, Path logPath, boolean openStdin, boolean stdinOnce) {
        this(stdio, consoleSocket, logPath, openStdin, stdinOnce, 0, 1);
    }

    public static IoOptions inherit() {
        return new IoOptions(Stdio.INHERIT, null, null, false, false);
    }

    public static IoOptions nullIo() {
        return new IoOptions(Stdio.NULL, null, null, false, false);
    }

    public static IoOptions log(Path logPath, boolean openStdin, boolean stdinOnce) {
        return new IoOptions(Stdio.LOG, null, logPath, openStdin, stdinOnce);
    }

    public IoOptions withConsoleSocket(Path socket) {
        return new IoOptions(stdio, socket, logPath, openStdin, stdinOnce, logMaxSize, logMaxFiles);
    }

    public IoOptions withLogRotation(long maxSize, int maxFiles) {
        return new IoOptions(stdio, consoleSocket, logPath, openStdin, stdinOnce, maxSize, maxFiles);
    }
}
