package dev.berth.cgroups;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * OCI device cgroup rules ({@code linux.resources.devices}): their v1 {@code devices.allow}/{@code devices.deny}
 * lines, and the check that a rule list needs nothing cgroup v2 cannot give without eBPF; pure.
 *
 * <p>Rules apply in order on top of the inherited state, which for a new cgroup is "allow everything"; Docker's
 * lists start with a deny-all rule. A null major or minor (or -1) is a wildcard, a null type means "a" (all).
 */
public final class DeviceRules {
    public static final String ALLOW_FILE = "devices.allow", DENY_FILE = "devices.deny";
    static final String V2_UNSUPPORTED = "device cgroup rules need eBPF on cgroup v2: not supported yet";

    /** One write to a v1 devices file. */
    public record Write(String file, String line) {}

    /**
     * The devices a Docker container may use by default (Docker's and runc's default allow lists): mknod of any
     * node, and /dev/null, zero, full, random, urandom, tty, console, ptmx, pts/*, net/tun.
     */
    public static final List<Spec.DeviceRule> DOCKER_DEFAULT_ALLOWED = List.of(
            rule("c", null, null, "m"), rule("b", null, null, "m"),
            rule("c", 1L, 3L, "rwm"), rule("c", 1L, 5L, "rwm"), rule("c", 1L, 7L, "rwm"),
            rule("c", 1L, 8L, "rwm"), rule("c", 1L, 9L, "rwm"), rule("c", 5L, 0L, "rwm"),
            rule("c", 5L, 1L, "rwm"), rule("c", 5L, 2L, "rwm"), rule("c", 136L, null, "rwm"),
            rule("c", 10L, 200L, "rwm"));

    private DeviceRules() {}

    private static Spec.DeviceRule rule(String type, Long major, Long minor, String access) {
        return new Spec.DeviceRule(true, type, major, minor, access);
    }

    /** The kernel's form of a rule: "a" for all devices, else "TYPE MAJ:MIN ACCESS" with "*" wildcards. */
    public static String v1Line(Spec.DeviceRule r) {
        String type = type(r);
        String access = access(r);
        if (type.equals("a")) return "a";
        return type + " " + number(r.major(), "major", r) + ":" + number(r.minor(), "minor", r) + " " + access;
    }

    /** The writes that apply the rules on cgroup v1, in order. */
    public static List<Write> v1Writes(List<Spec.DeviceRule> rules) {
        List<Write> out = new ArrayList<>();
        for (Spec.DeviceRule r : rules) out.add(new Write(r.allow() ? ALLOW_FILE : DENY_FILE, v1Line(r)));
        return out;
    }

    /**
     * Accepts the rule lists cgroup v2 can live with without a device eBPF program: lists that end up allowing every
     * device, and lists that deny all then allow only devices of {@link #DOCKER_DEFAULT_ALLOWED}. In the second case
     * the restriction is NOT enforced (a known gap until eBPF support). Anything else throws UNSUPPORTED.
     */
    public static void checkV2(List<Spec.DeviceRule> rules) {
        if (rules == null) return;
        boolean allowAll = true;
        List<Spec.DeviceRule> allows = new ArrayList<>();
        Spec.DeviceRule restriction = null;
        for (Spec.DeviceRule r : rules) {
            v1Line(r); // validates
            if (type(r).equals("a")) {
                allowAll = r.allow();
                allows.clear();
                restriction = null;
            } else if (r.allow()) {
                if (!allowAll) allows.add(r);
            } else if (allowAll) {
                restriction = r;
            }
        }
        if (allowAll && restriction != null)
            throw unsupported("rule \"" + v1Line(restriction) + "\" denies a device");
        if (!allowAll) {
            for (Spec.DeviceRule r : allows) {
                if (DOCKER_DEFAULT_ALLOWED.stream().noneMatch(d -> covers(d, r)))
                    throw unsupported("rule \"" + v1Line(r) + "\" allows a device outside Docker's default set");
            }
        }
    }

    private static BerthException unsupported(String detail) {
        return new BerthException(BerthException.Kind.UNSUPPORTED, V2_UNSUPPORTED + " (" + detail + ")");
    }

    /** Whether the default rule d allows everything rule r allows. */
    private static boolean covers(Spec.DeviceRule d, Spec.DeviceRule r) {
        if (!type(d).equals(type(r))) return false;
        if (!wildcard(d.major()) && (wildcard(r.major()) || !d.major().equals(r.major()))) return false;
        if (!wildcard(d.minor()) && (wildcard(r.minor()) || !d.minor().equals(r.minor()))) return false;
        String dAccess = access(d);
        return access(r).chars().allMatch(c -> dAccess.indexOf(c) >= 0);
    }

    private static String type(Spec.DeviceRule r) {
        String t = r.type() == null || r.type().isEmpty() ? "a" : r.type();
        if (!t.equals("a") && !t.equals("c") && !t.equals("b"))
            throw BerthException.invalid("invalid device cgroup rule type \"%s\": must be a, c or b", t);
        return t;
    }

    private static String access(Spec.DeviceRule r) {
        String a = r.access() == null || r.access().isEmpty() ? "rwm" : r.access();
        if (!a.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm') || a.chars().distinct().count() != a.length())
            throw BerthException.invalid("invalid device cgroup rule access \"%s\": must be letters of rwm", a);
        return a;
    }

    private static boolean wildcard(Long n) {
        return n == null || n == -1;
    }

    private static String number(Long n, String what, Spec.DeviceRule r) {
        if (wildcard(n)) return "*";
        if (n < 0) throw BerthException.invalid("invalid device cgroup rule %s %d", what, n);
        return Long.toString(n);
    }
}
