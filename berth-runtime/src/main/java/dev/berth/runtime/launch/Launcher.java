package dev.berth.runtime.launch;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Starts the helper's monitor for a plan written to a state directory, and returns once the
 * process is created (a container's init waits on its exec fifo) or has failed.
 */
public final class Launcher {
    private final SealedHelper helper;

    public Launcher(SealedHelper helper) {
        this.helper = helper;
    }

    public LaunchResult launch(Path dir, LaunchPlan plan, IoOptions io) {
        try {
            AtomicFiles.write(dir.resolve("plan"), plan.bytes(), false);
            ProcessBuilder pb = new ProcessBuilder(helper.execPath(), "monitor", dir.toString());
            if (io.stdio() == Stdio.INHERIT) {
                pb.inheritIO();
            } else {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process stage0 = pb.start();
            stage0.waitFor();
            String result;
            try {
                result = Files.readString(dir.resolve("result"));
            } catch (NoSuchFileException e) {
                throw new BerthException(BerthException.Kind.INTERNAL,
                        "helper exited with status " + stage0.exitValue() + " and no result");
            }
            return LaunchResult.parse(result);
        } catch (IOException e) {
            throw BerthException.internal("start helper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while starting the helper", e);
        }
    }
}
