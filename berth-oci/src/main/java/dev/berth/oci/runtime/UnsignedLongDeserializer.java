package dev.berth.oci.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.math.BigInteger;

/** Reads a uint64 of the spec (e.g. an rlimit of 18446744073709551615, "unlimited") into a long's bits. */
final class UnsignedLongDeserializer extends JsonDeserializer<Long> {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        BigInteger v = p.getBigIntegerValue();
        if (v.signum() < 0 || v.compareTo(MAX) > 0) {
            if (v.bitLength() < 64) return v.longValue();
            throw ctx.weirdNumberException(v, Long.class, "out of the uint64 range");
        }
        return v.longValue();
    }
}
