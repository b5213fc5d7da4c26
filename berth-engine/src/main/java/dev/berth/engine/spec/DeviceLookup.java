package dev.berth.engine.spec;

import dev.berth.oci.runtime.Spec;
import java.util.List;

/**
 * Finds device nodes on the host, for {@code --device} and the blkio device options (Docker stats
 * the paths; the spec generator stays free of I/O by asking this).
 */
@FunctionalInterface
public interface DeviceLookup {
    /**
     * The device nodes at hostPath, each with its host path: the node itself when hostPath (symlinks
     * followed) is a character, block or fifo device; every such node beneath it (symlinks not
     * followed) when it is a directory; empty otherwise, including when nothing is there.
     */
    List<Spec.Device> devicesAt(String hostPath);

    /** Reads the real host through {@code unix:} file attributes. */
    static DeviceLookup system() {
        return SystemDevices::devicesAt;
    }
}
