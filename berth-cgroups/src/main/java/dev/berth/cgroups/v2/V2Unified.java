package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.common.BerthException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The OCI {@code linux.resources.unified} map: raw v2 interface files and values, written last so they win over the
 * typed fields (memory.oom.group, memory.high, cpu.weight.nice...). Keys must name a controller file of the
 * container's own cgroup; of the core cgroup.* files only the two limits on descendants are allowed.
 */
final class V2Unified {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z0-9_.]+");
    private static final Set<String> CORE_ALLOWED = Set.of("cgroup.max.depth", "cgroup.max.descendants");

    private V2Unified() {}

    static void check(Map<String, String> unified) {
        if (unified == null) return;
        for (Map.Entry<String, String> e : unified.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches() || key.contains(".."))
                throw BerthException.invalid("invalid unified cgroup key \"%s\": expected a cgroup v2 file name such as memory.high", key);
            if (key.startsWith("cgroup.") && !CORE_ALLOWED.contains(key))
                throw BerthException.invalid("unified cgroup key \"%s\" is not allowed: only %s of the cgroup.* files may be set", key, CORE_ALLOWED);
            if (e.getValue() == null || e.getValue().indexOf('\n') >= 0)
                throw BerthException.invalid("invalid value for unified cgroup key \"%s\"", key);
        }
    }

    /** The controller a key belongs to ("memory" for memory.high), or null for core cgroup.* files. */
    static String controllerOf(String key) {
        String c = key.substring(0, key.indexOf('.'));
        return c.equals("cgroup") ? null : c;
    }

    static void apply(CgroupDir dir, Map<String, String> unified, Set<String> enabled) {
        for (Map.Entry<String, String> e : new TreeMap<>(unified).entrySet()) {
            String controller = controllerOf(e.getKey());
            if (controller != null && !enabled.contains(controller))
                throw V2Manager.notEnabled(dir, controller, enabled);
            dir.write(e.getKey(), e.getValue());
        }
    }
}
