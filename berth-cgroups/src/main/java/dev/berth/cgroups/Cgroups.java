package dev.berth.cgroups;

import dev.berth.cgroups.internal.CgroupSyscalls;
import dev.berth.cgroups.v1.V1Hierarchies;
import dev.berth.cgroups.v1.V1Manager;
import dev.berth.cgroups.v2.V2Manager;
import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Entry points: detecting the host's cgroup mode and making the manager of a container's cgroup. */
public final class Cgroups {
    public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");

    private Cgroups() {}

    /**
     * The host's mode from the statfs magic of root (normally {@link #DEFAULT_ROOT}) and of {@code root/unified}:
     * cgroup2 at the root is UNIFIED; a tmpfs is LEGACY, or HYBRID when unified/ is cgroup2.
     */
    public static CgroupMode detect(Path root) {
        long rootMagic;
        try {
            rootMagic = CgroupSyscalls.fsType(root.toString());
        } catch (Errno e) {
            throw e.errno() == Errno.ENOENT
                    ? BerthException.notFound("cgroup root %s does not exist", root)
                    : BerthException.internal("cannot inspect cgroup root " + root + ": " + e.getMessage(), e);
        }
        OptionalLong unifiedMagic = OptionalLong.empty();
        Path unified = root.resolve("unified");
        if (rootMagic == FsMagic.TMPFS_MAGIC && Files.isDirectory(unified)) {
            try {
                unifiedMagic = OptionalLong.of(CgroupSyscalls.fsType(unified.toString()));
            } catch (Errno e) {
                throw BerthException.internal("cannot inspect " + unified + ": " + e.getMessage(), e);
            }
        }
        return FsMagic.mode(root.toString(), rootMagic, unifiedMagic);
    }

    /**
     * The manager of the container cgroup at cgroupsPath (OCI linux.cgroupsPath, e.g. "/berth/ID"; a relative path
     * goes under "/berth/") below root. v1 in LEGACY and HYBRID mode, with the hierarchies mounted under root.
     */
    public static CgroupManager manager(Path root, CgroupMode mode, String cgroupsPath) {
        CgroupFs fs = new KernelCgroupFs();
        return mode.usesV1()
                ? new V1Manager(V1Hierarchies.discover(root), cgroupsPath, fs)
                : new V2Manager(root, cgroupsPath, fs);
    }
}
