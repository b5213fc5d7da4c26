package dev.berth.cgroups;

import dev.berth.sys.Errno;
import java.nio.file.Path;

/**
 * The operations on cgroupfs whose behaviour differs from plain files: making a directory (the kernel fills it with
 * interface files), removing one (refused while processes remain) and writing a file (the kernel parses each
 * write). Reads are plain file reads. {@link KernelCgroupFs} is the real one; tests pass a fake over a temp dir.
 */
public interface CgroupFs {
    /** Creates one cgroup directory; false if it already existed. */
    boolean mkdir(Path dir) throws Errno;

    /** Removes one cgroup directory without child cgroups; false if it did not exist; EBUSY while it has processes. */
    boolean rmdir(Path dir) throws Errno;

    /** Writes value to an existing cgroup file in a single write(2), as the kernel needs. */
    void write(Path file, String value) throws Errno;
}
