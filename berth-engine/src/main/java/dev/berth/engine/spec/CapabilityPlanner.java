package dev.berth.engine.spec;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.CapabilityTable;
import dev.berth.oci.runtime.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The process capabilities, as Docker's caps.TweakCapabilities and oci.SetCapabilities make them:
 * Docker's 14 defaults, minus CapDrop, plus CapAdd; "ALL" in CapAdd means every capability but
 * the dropped ones, "ALL" in CapDrop means only the added ones; privileged means every
 * capability. Root gets the list as bounding, effective and permitted set; any other uid only as
 * bounding set, as execve would leave it.
 */
final class CapabilityPlanner {
    /**
     * What dockerd 20.10 calls "all capabilities": everything up to CAP_AUDIT_READ (37). It leaves
     * out CAP_PERFMON, CAP_BPF and CAP_CHECKPOINT_RESTORE, which the runc it shipped with did not
     * know, so a privileged container shows CapEff 0000003fffffffff, as under dockerd 20.10.
     */
    static final List<String> ALL = CapabilityTable.all().subList(0, CapabilityTable.number("CAP_AUDIT_READ") + 1);

    private static final String ALL_KEYWORD = "ALL";

    private CapabilityPlanner() {}

    /** Checks CapAdd and CapDrop with Docker's message ("invalid CapAdd: unknown capability: \"CAP_FOO\""). */
    static void validate(List<String> capAdd, List<String> capDrop) {
        normalize(capAdd, "CapAdd");
        normalize(capDrop, "CapDrop");
    }

    static List<String> capabilities(List<String> capAdd, List<String> capDrop, boolean privileged) {
        if (privileged) return ALL;
        List<String> adds = normalize(capAdd, "CapAdd");
        List<String> drops = normalize(capDrop, "CapDrop");
        Set<String> out = new LinkedHashSet<>();
        if (adds.contains(ALL_KEYWORD)) {
            for (String c : ALL) if (!drops.contains(c)) out.add(c);
        } else if (drops.contains(ALL_KEYWORD)) {
            out.addAll(adds);
        } else {
            for (String c : CapabilityTable.DOCKER_DEFAULT) if (!drops.contains(c)) out.add(c);
            out.addAll(adds);
        }
        return List.copyOf(out);
    }

    static Spec.Capabilities forUser(List<String> caps, int uid) {
        return uid == 0 ? new Spec.Capabilities(caps, caps, null, caps, null)
                : new Spec.Capabilities(caps, null, null, null, null);
    }

    /**
     * Upper-cased, "CAP_"-prefixed names; "ALL" kept as is. Names of capabilities newer than
     * dockerd 20.10 knows (CAP_BPF, ...) are accepted, since the kernel has them.
     */
    private static List<String> normalize(List<String> names, String field) {
        List<String> out = new ArrayList<>();
        for (String raw : names == null ? List.<String>of() : names) {
            String c = raw == null ? "" : raw.toUpperCase(Locale.ROOT);
            if (c.equals(ALL_KEYWORD)) {
                out.add(c);
                continue;
            }
            if (!c.startsWith("CAP_")) c = "CAP_" + c;
            try {
                CapabilityTable.number(c);
            } catch (BerthException e) {
                throw Errors.invalid("invalid " + field + ": unknown capability: " + GoText.quote(c));
            }
            out.add(c);
        }
        return out;
    }
}
