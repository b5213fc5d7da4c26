package dev.berth.cli.runtime;

import dev.berth.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

final class PidFile {
    private PidFile() {}

    static void write(Path file, int pid) throws IOException {
        if (file != null) AtomicFiles.write(file.toAbsolutePath(), Integer.toString(pid).getBytes(StandardCharsets.UTF_8), false);
    }
}
