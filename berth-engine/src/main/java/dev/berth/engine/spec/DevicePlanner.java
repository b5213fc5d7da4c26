package dev.berth.engine.spec;

import dev.berth.engine.model.DeviceMapping;
import dev.berth.engine.model.DeviceRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * linux.devices and the device cgroup rules, as dockerd's WithDevices makes them. Unprivileged:
 * Docker's default rules (deny all, allow /dev/null, zero, urandom, random, tty, console, deny
 * fuse) then each --device (its node and an allow rule with its permissions) and each
 * --device-cgroup-rule. Privileged: one rule allowing every device. The runtime adds runc's own
 * always-allowed devices (mknod, ptmx, pts, tun...) after these.
 *
 * <p>Where dockerd gives a privileged container a node for every host device, Berth does not
 * enumerate /dev: a privileged container gets the default nodes plus its --device mappings, and
 * may mknod any other (the cgroup allows all).
 */
final class DevicePlanner {
    record Plan(List<Spec.Device> devices, List<Spec.DeviceRule> rules) {}

    private static final Pattern CGROUP_RULE = Pattern.compile("^([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})$");

    /** Docker's default device cgroup rules (oci/defaults.go DefaultLinuxSpec), in Docker's order. */
    static final List<Spec.DeviceRule> DOCKER_DEFAULT_RULES = List.of(
            new Spec.DeviceRule(false, null, null, null, "rwm"),
            allowChar(1, 5), allowChar(1, 3), allowChar(1, 9), allowChar(1, 8), allowChar(5, 0), allowChar(5, 1),
            new Spec.DeviceRule(false, "c", 10L, 229L, "rwm"));

    static final Spec.DeviceRule ALLOW_ALL = new Spec.DeviceRule(true, "a", null, null, "rwm");

    private DevicePlanner() {}

    /** Checks DeviceCgroupRules and DeviceRequests (no I/O). */
    static void validate(HostConfig hc) {
        parseRules(hc.deviceCgroupRules());
        checkRequests(hc.deviceRequests());
    }

    static Plan plan(HostConfig hc, DeviceLookup lookup, Predicate<Path> exists) {
        boolean privileged = HostConfigDefaults.isTrue(hc.privileged());
        List<Spec.Device> devices = new ArrayList<>();
        List<Spec.DeviceRule> rules = new ArrayList<>(privileged ? List.of(ALLOW_ALL) : DOCKER_DEFAULT_RULES);
        for (DeviceMapping d : hc.devices() == null ? List.<DeviceMapping>of() : hc.devices()) {
            // Privileged containers get every permission whatever the mapping says (dockerd warns and uses rwm).
            String permissions = privileged || d.cgroupPermissions() == null || d.cgroupPermissions().isEmpty()
                    ? "rwm" : d.cgroupPermissions();
            for (Spec.Device node : nodes(d, lookup, exists)) {
                devices.add(node);
                if (!privileged && ("c".equals(node.type()) || "b".equals(node.type()))) {
                    rules.add(new Spec.DeviceRule(true, node.type(), node.major(), node.minor(), permissions));
                }
            }
        }
        if (!privileged) rules.addAll(parseRules(hc.deviceCgroupRules()));
        checkRequests(hc.deviceRequests());
        return new Plan(List.copyOf(devices), List.copyOf(rules));
    }

    /** The nodes of one mapping with container paths: the node itself, or each node under a host directory. */
    private static List<Spec.Device> nodes(DeviceMapping d, DeviceLookup lookup, Predicate<Path> exists) {
        String host = d.pathOnHost() == null ? "" : d.pathOnHost();
        String inContainer = d.pathInContainer() == null || d.pathInContainer().isEmpty() ? host : d.pathInContainer();
        List<Spec.Device> found = host.isEmpty() ? List.of() : lookup.devicesAt(host);
        if (found.isEmpty()) {
            String why = host.isEmpty() || !exists.test(Path.of(host)) ? "no such file or directory" : "not a device node";
            throw Errors.invalid("error gathering device information while adding custom device "
                    + GoText.quote(host) + ": " + why);
        }
        List<Spec.Device> out = new ArrayList<>();
        for (Spec.Device n : found) {
            String path = n.path().equals(host) ? inContainer : inContainer + n.path().substring(host.length());
            out.add(new Spec.Device(n.type(), path, n.major(), n.minor(), n.fileMode(), n.uid(), n.gid()));
        }
        return out;
    }

    /** --device-cgroup-rule values, Docker's regexp and message; "*" is a wildcard (null). */
    static List<Spec.DeviceRule> parseRules(List<String> rules) {
        List<Spec.DeviceRule> out = new ArrayList<>();
        for (String rule : rules == null ? List.<String>of() : rules) {
            Matcher m = CGROUP_RULE.matcher(rule == null ? "" : rule);
            if (!m.matches()) throw Errors.invalid("invalid device cgroup rule format: '" + rule + "'");
            out.add(new Spec.DeviceRule(true, m.group(1), number(m.group(2), rule, "major"),
                    number(m.group(3), rule, "minor"), m.group(4)));
        }
        return out;
    }

    private static Long number(String s, String rule, String what) {
        if (s.equals("*")) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw Errors.invalid("invalid " + what + " value in device cgroup rule format: '" + rule + "'");
        }
    }

    /** Berth has no device drivers (nvidia...): dockerd's answer when none matches a request. */
    private static void checkRequests(List<DeviceRequest> requests) {
        for (DeviceRequest r : requests == null ? List.<DeviceRequest>of() : requests) {
            List<List<String>> caps = r.capabilities() == null ? List.of() : r.capabilities();
            throw Errors.invalid("could not select device driver " + GoText.quote(r.driver() == null ? "" : r.driver())
                    + " with capabilities: " + GoText.nested(caps));
        }
    }

    private static Spec.DeviceRule allowChar(long major, long minor) {
        return new Spec.DeviceRule(true, "c", major, minor, "rwm");
    }
}
