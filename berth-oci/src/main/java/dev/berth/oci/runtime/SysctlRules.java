package dev.berth.oci.runtime;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sysctls a container may set, given its namespaces: /proc/sys is only partly namespaced
 * (runc libcontainer/configs/validate). IPC sysctls need an ipc namespace, net.* one that is not
 * the host's, kernel.domainname a uts namespace, user.* a user namespace; nothing else may be set.
 */
final class SysctlRules {
    private static final Set<String> IPC = Set.of(
            "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private SysctlRules() {}

    /**
     * @param namespaces the namespace types the container has (new or joined)
     * @param netnsPath the network namespace it joins, or null when it gets a new one
     */
    static void check(Map<String, String> sysctl, Set<String> namespaces, String netnsPath) {
        if (sysctl == null) return;
        for (String key : new TreeSet<>(sysctl.keySet())) {
            String s = dotted(key);
            if (IPC.contains(s) || s.startsWith("fs.mqueue.")) {
                if (!namespaces.contains("ipc")) {
                    throw BerthException.invalid("sysctl \"%s\" is not allowed in the hosts ipc namespace", s);
                }
            } else if (s.startsWith("net.")) {
                if (!namespaces.contains("network") || isHostNetns(netnsPath)) {
                    throw BerthException.invalid("sysctl \"%s\" not allowed in host network namespace", s);
                }
            } else if (namespaces.contains("uts") && s.equals("kernel.domainname")) {
                // namespaced, and the spec has no field of its own for it
            } else if (namespaces.contains("uts") && s.equals("kernel.hostname")) {
                throw BerthException.invalid(
                        "sysctl \"%s\" is not allowed as it conflicts with the OCI \"hostname\" field", s);
            } else if (s.startsWith("user.")) {
                if (!namespaces.contains("user")) {
                    throw BerthException.invalid("setting ucounts without a user namespace not allowed: %s", s);
                }
            } else {
                throw BerthException.invalid("sysctl \"%s\" is not in a separate kernel namespace", s);
            }
        }
    }

    /**
     * sysctl(8) also accepts '/' as the separator; when the first separator is '/', the two swap
     * roles ("net/ipv4/conf/eth0.100/rp_filter" is "net.ipv4.conf.eth0/100.rp_filter").
     */
    static String dotted(String key) {
        int first = -1;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '/') {
                first = i;
                break;
            }
        }
        if (first < 0 || key.charAt(first) == '.') return key;
        StringBuilder sb = new StringBuilder(key.length());
        for (char c : key.toCharArray()) sb.append(c == '.' ? '/' : c == '/' ? '.' : c);
        return sb.toString();
    }

    /** Whether a joined network namespace is the one this process is in. */
    private static boolean isHostNetns(String netnsPath) {
        if (netnsPath == null || netnsPath.isEmpty()) return false;
        try {
            Map<String, Object> ours = Files.readAttributes(Path.of("/proc/self/ns/net"), "unix:dev,ino");
            Map<String, Object> theirs = Files.readAttributes(Path.of(netnsPath), "unix:dev,ino");
            return ours.equals(theirs);
        } catch (IOException | UnsupportedOperationException e) {
            throw BerthException.invalid("invalid netns path %s: %s", netnsPath, e.getMessage());
        }
    }
}
