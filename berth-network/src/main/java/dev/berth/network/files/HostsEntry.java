package dev.berth.network.files;

import dev.berth.common.BerthException;

/** One line of /etc/hosts: an address and its space-separated names, written {@code ip\tnames} as Docker does. */
public record HostsEntry(String ip, String names) {
    public HostsEntry {
        if (ip == null || ip.isBlank() || ip.chars().anyMatch(Character::isWhitespace)) {
            throw BerthException.invalid("invalid hosts entry address: \"%s\"", ip);
        }
        if (names == null || names.isBlank() || names.indexOf('\n') >= 0) {
            throw BerthException.invalid("invalid hosts entry names for %s: \"%s\"", ip, names);
        }
        names = names.strip();
    }

    String line() {
        return ip + "\t" + names + "\n";
    }
}
