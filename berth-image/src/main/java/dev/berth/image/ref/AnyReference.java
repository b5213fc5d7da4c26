package dev.berth.image.ref;

import dev.berth.image.content.Digest;
import java.util.regex.Pattern;

/**
 * What a user may type where Docker accepts "an image": a name reference or a bare digest/ID
 * (Docker's {@code ParseAnyReference}). A 64-hex string is an ID, {@code sha256:<hex>} a digest,
 * anything else is parsed with {@link Reference#parseNormalized}.
 */
public sealed interface AnyReference permits Reference, AnyReference.DigestReference {
    Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    /** A reference that is only a digest (an image ID). */
    record DigestReference(Digest digest) implements AnyReference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }

    static AnyReference parse(String s) {
        if (s != null && IDENTIFIER.matcher(s).matches()) return new DigestReference(Digest.sha256Hex(s));
        if (Digest.isValid(s)) return new DigestReference(Digest.parse(s));
        return Reference.parseNormalized(s);
    }
}
