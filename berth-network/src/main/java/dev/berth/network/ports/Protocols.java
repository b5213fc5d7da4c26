package dev.berth.network.ports;

import dev.berth.common.BerthException;

import java.util.Locale;

/** The transport protocols a port can be published for. */
final class Protocols {
    private Protocols() {
    }

    /** Lower-cases and checks {@code proto}; Docker's {@code invalid proto: X} otherwise. */
    static String check(String proto) {
        String p = proto == null ? "" : proto.toLowerCase(Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp") && !p.equals("sctp")) {
            throw BerthException.invalid("invalid proto: %s", proto);
        }
        return p;
    }
}
