package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading a cgroup's available controllers and enabling controllers for its children (cgroup.subtree_control). */
final class V2SubtreeControl {
    static final String CONTROLLERS = "cgroup.controllers", SUBTREE_CONTROL = "cgroup.subtree_control";
    /** What a container cgroup needs from its parents: the controllers Berth sets. */
    static final List<String> WANTED = List.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids");

    private V2SubtreeControl() {}

    /** Controllers that may be used in dir (its cgroup.controllers). */
    static Set<String> available(CgroupDir dir) {
        return words(dir.readIfPresent(CONTROLLERS).orElse(""));
    }

    /**
     * Enables in dir's children every wanted controller dir has. One write for all, or, when the kernel refuses it,
     * one per controller ignoring failures, as runc does: a controller left off is reported when it is needed.
     */
    static void enableForChildren(CgroupDir dir) {
        Set<String> available = available(dir);
        Set<String> enabled = words(dir.readIfPresent(SUBTREE_CONTROL).orElse(""));
        List<String> missing = new ArrayList<>();
        for (String c : WANTED) if (available.contains(c) && !enabled.contains(c)) missing.add("+" + c);
        if (missing.isEmpty()) return;
        if (dir.tryWrite(SUBTREE_CONTROL, String.join(" ", missing)) == 0) return;
        for (String c : missing) dir.tryWrite(SUBTREE_CONTROL, c);
    }

    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : text.trim().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }
}
