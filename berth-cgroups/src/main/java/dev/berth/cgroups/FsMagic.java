package dev.berth.cgroups;

import dev.berth.common.BerthException;
import java.util.OptionalLong;

/** Decides the host's {@link CgroupMode} from filesystem magic numbers (statfs f_type); pure. */
public final class FsMagic {
    public static final long CGROUP2_SUPER_MAGIC = 0x63677270L;
    public static final long CGROUP_SUPER_MAGIC = 0x27e0ebL;
    public static final long TMPFS_MAGIC = 0x01021994L;

    private FsMagic() {}

    /**
     * @param root         what the cgroup root (e.g. /sys/fs/cgroup) is, as shown in messages
     * @param rootMagic    f_type of the root
     * @param unifiedMagic f_type of {@code <root>/unified}, empty when that directory does not exist
     */
    public static CgroupMode mode(String root, long rootMagic, OptionalLong unifiedMagic) {
        if (rootMagic == CGROUP2_SUPER_MAGIC) return CgroupMode.UNIFIED;
        if (rootMagic == TMPFS_MAGIC) {
            boolean hybrid = unifiedMagic.isPresent() && unifiedMagic.getAsLong() == CGROUP2_SUPER_MAGIC;
            return hybrid ? CgroupMode.HYBRID : CgroupMode.LEGACY;
        }
        throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, String.format(
                "%s is neither a cgroup2 mount nor a tmpfs of cgroup v1 hierarchies (filesystem magic 0x%x)",
                root, rootMagic));
    }
}
