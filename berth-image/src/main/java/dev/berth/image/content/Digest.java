package dev.berth.image.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.berth.common.BerthException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:9f86d0...}. Only sha256 is supported (it is the only
 * algorithm Docker and the OCI specs use for images in practice). {@link #parse} checks the input
 * the way go-digest does and fails with its messages: "invalid checksum digest format",
 * "invalid checksum digest length", "unsupported digest algorithm".
 */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {
    public static final String SHA256 = "sha256";

    /** go-digest's DigestRegexp, used only to tell "unsupported" from "malformed". */
    private static final Pattern GENERIC = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!SHA256.equals(algorithm)) throw BerthException.invalid("unsupported digest algorithm");
        if (encoded == null || encoded.length() != 64) throw BerthException.invalid("invalid checksum digest length");
        if (!SHA256_HEX.matcher(encoded).matches()) throw BerthException.invalid("invalid checksum digest format");
    }

    /** Parses {@code algorithm:hex}; errors are INVALID_ARGUMENT with go-digest's text. */
    @JsonCreator
    public static Digest parse(String s) {
        if (s == null) throw BerthException.invalid("invalid checksum digest format");
        int colon = s.indexOf(':');
        if (colon < 0 || colon == s.length() - 1) throw BerthException.invalid("invalid checksum digest format");
        String alg = s.substring(0, colon);
        if (!SHA256.equals(alg)) {
            if (!GENERIC.matcher(s).matches()) throw BerthException.invalid("invalid checksum digest format");
            throw BerthException.invalid("unsupported digest algorithm");
        }
        return new Digest(alg, s.substring(colon + 1));
    }

    /** True if {@code s} parses. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (BerthException e) {
            return false;
        }
    }

    /** The sha256 digest with the given 64 lowercase hex characters. */
    public static Digest sha256Hex(String hex) {
        return new Digest(SHA256, hex);
    }

    /** The sha256 digest of {@code data}. */
    public static Digest sha256(byte[] data) {
        return fromHash(newSha256().digest(data));
    }

    static Digest fromHash(byte[] hash) {
        return new Digest(SHA256, HexFormat.of().formatHex(hash));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** The first 12 hex characters, as Docker prints IDs. */
    public String shortHex() {
        return encoded.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
