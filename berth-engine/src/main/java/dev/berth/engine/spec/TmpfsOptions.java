package dev.berth.engine.spec;

import dev.berth.engine.model.Mount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of the tmpfs mounts Docker makes for --tmpfs and --mount type=tmpfs: its defaults
 * "noexec,nosuid,nodev,rprivate" followed by the user's, merged so each flag (and each data key)
 * appears once with the last value winning (moby/sys mount.MergeTmpfsOptions, same messages).
 */
final class TmpfsOptions {
    static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

    /** Flag options and the MS_ bit each one sets or clears; same bit means same key. */
    private static final Map<String, Integer> FLAGS = Map.ofEntries(
            Map.entry("ro", 1), Map.entry("rw", 1), Map.entry("suid", 2), Map.entry("nosuid", 2),
            Map.entry("dev", 4), Map.entry("nodev", 4), Map.entry("exec", 8), Map.entry("noexec", 8),
            Map.entry("sync", 16), Map.entry("async", 16), Map.entry("remount", 32), Map.entry("mand", 64),
            Map.entry("nomand", 64), Map.entry("dirsync", 128), Map.entry("atime", 1024), Map.entry("noatime", 1024),
            Map.entry("diratime", 2048), Map.entry("nodiratime", 2048), Map.entry("relatime", 1 << 21),
            Map.entry("norelatime", 1 << 21), Map.entry("strictatime", 1 << 24), Map.entry("nostrictatime", 1 << 24),
            // Propagation and bind options share one key: only one of them survives.
            Map.entry("bind", -1), Map.entry("rbind", -1), Map.entry("unbindable", -1), Map.entry("runbindable", -1),
            Map.entry("private", -1), Map.entry("rprivate", -1), Map.entry("shared", -1), Map.entry("rshared", -1),
            Map.entry("slave", -1), Map.entry("rslave", -1));

    private static final Set<String> DATA_KEYS = Set.of("", "size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    private TmpfsOptions() {}

    /** The spec options for a tmpfs whose user data is data ("size=10m,mode=1777", may be empty). */
    static List<String> forData(String data) {
        List<String> options = new ArrayList<>(DEFAULTS);
        if (data != null && !data.isEmpty()) options.addAll(List.of(data.split(",", -1)));
        return merge(options);
    }

    static List<String> merge(List<String> options) {
        Set<Integer> flagsSeen = new HashSet<>();
        Set<String> dataSeen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (int i = options.size() - 1; i >= 0; i--) {
            String option = options.get(i);
            if (option.equals("defaults")) continue;
            Integer key = FLAGS.get(option);
            if (key != null) {
                if (flagsSeen.add(key)) out.add(0, option);
                continue;
            }
            String[] kv = option.split("=", 2);
            if (kv.length != 2 || !DATA_KEYS.contains(kv[0])) {
                throw Errors.invalid("Invalid tmpfs option " + GoText.quote(List.of(kv)));
            }
            if (dataSeen.add(kv[0])) out.add(0, option);
        }
        return List.copyOf(out);
    }

    /** Docker's ConvertTmpfsOptions: "ro", "mode=OCTAL", "size=N" with the largest of g, m, k that divides it. */
    static String data(Mount.TmpfsOptions opt, boolean readOnly) {
        List<String> raw = new ArrayList<>();
        if (readOnly) raw.add("ro");
        if (opt != null && opt.mode() != null && opt.mode() != 0) raw.add("mode=" + Integer.toOctalString(opt.mode()));
        if (opt != null && opt.sizeBytes() != null && opt.sizeBytes() != 0) {
            long size = opt.sizeBytes();
            String suffix = "";
            if (size % (1L << 30) == 0) {
                size /= 1L << 30;
                suffix = "g";
            } else if (size % (1L << 20) == 0) {
                size /= 1L << 20;
                suffix = "m";
            } else if (size % (1L << 10) == 0) {
                size /= 1L << 10;
                suffix = "k";
            }
            raw.add("size=" + size + suffix);
        }
        return String.join(",", raw);
    }
}
