package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Container MAC addresses: Docker's generated {@code 02:42:<IPv4 bytes>} and checks of a user's {@code --mac-address}. */
public final class MacAddresses {
    private static final Pattern SIX_OCTETS =
            Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}");

    private MacAddresses() {
    }

    /** {@code 02:42:} followed by the four address bytes in lower-case hex, as Docker's genMAC. */
    public static String fromIp(Inet4Address ip) {
        byte[] b = ip.getAddress();
        HexFormat hex = HexFormat.ofDelimiter(":");
        return "02:42:" + hex.formatHex(b);
    }

    /**
     * Normalises a 6-octet MAC written with ':' or '-' to lower-case colon form. Anything else: Go's
     * {@code address X: invalid MAC address}, which is what Docker reports.
     */
    public static String parse(String mac) {
        String trimmed = mac == null ? "" : mac.strip();
        if (!SIX_OCTETS.matcher(trimmed).matches()) {
            throw BerthException.invalid("address %s: invalid MAC address", mac);
        }
        return trimmed.replace('-', ':').toLowerCase(java.util.Locale.ROOT);
    }

    /** True if {@link #parse} would accept {@code mac}. */
    public static boolean isValid(String mac) {
        return mac != null && SIX_OCTETS.matcher(mac.strip()).matches();
    }
}
