package dev.berth.archive.internal;

/**
 * Numeric fields of tar headers: NUL/space padded octal, or GNU base-256 (first byte has the high
 * bit set; 0xff marks a negative two's-complement value), and the decimal values of PAX records.
 */
public final class TarNumbers {
    private TarNumbers() {}

    public static long parseNumeric(byte[] b, int off, int len) throws TarFormatException {
        if (len > 0 && (b[off] & 0x80) != 0) return parseBase256(b, off, len);
        return parseOctal(b, off, len);
    }

    static long parseBase256(byte[] b, int off, int len) throws TarFormatException {
        int inv = (b[off] & 0x40) != 0 ? 0xff : 0;
        long x = 0;
        for (int i = 0; i < len; i++) {
            int c = (b[off + i] & 0xff) ^ inv;
            if (i == 0) c &= 0x7f;
            if ((x >>> 56) != 0) throw new TarFormatException("numeric field overflows 64 bits");
            x = (x << 8) | c;
        }
        if ((x >>> 63) != 0) throw new TarFormatException("numeric field overflows 64 bits");
        return inv == 0xff ? ~x : x;
    }

    static long parseOctal(byte[] b, int off, int len) throws TarFormatException {
        int s = off, e = off + len;
        while (s < e && (b[s] == ' ' || b[s] == 0)) s++;
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == 0)) e--;
        long v = 0;
        for (int i = s; i < e; i++) {
            int c = b[i];
            if (c < '0' || c > '7') throw new TarFormatException("invalid octal digit in numeric field");
            if ((v >>> 60) != 0) throw new TarFormatException("numeric field overflows 64 bits");
            v = (v << 3) | (c - '0');
        }
        return v;
    }

    /**
     * Writes v as zero-padded octal into field[off, off+len) with a trailing NUL, or returns false
     * when it does not fit (or is negative).
     */
    public static boolean formatOctal(byte[] b, int off, int len, long v) {
        if (v < 0) return false;
        int digits = len - 1;
        if (digits < 21 && v >= (1L << (3 * digits))) return false;
        for (int i = digits - 1; i >= 0; i--) {
            b[off + i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        b[off + digits] = 0;
        return true;
    }

    /** Writes v in GNU base-256 form (for fields octal cannot hold). */
    public static void formatBase256(byte[] b, int off, int len, long v) {
        for (int i = len - 1; i > 0; i--) {
            b[off + i] = (byte) v;
            v >>= 8;
        }
        b[off] = (byte) (v < 0 ? 0xff : 0x80);
    }

    /** A non-negative decimal PAX value. */
    public static long parseDecimal(String key, String v, long max) throws TarFormatException {
        if (v.isEmpty() || v.length() > 19) throw new TarFormatException("invalid PAX " + key + " \"" + v + "\"");
        long x = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new TarFormatException("invalid PAX " + key + " \"" + v + "\"");
            x = x * 10 + (c - '0');
        }
        if (x < 0 || x > max) throw new TarFormatException("PAX " + key + " " + v + " out of range");
        return x;
    }

    /** A PAX time ("sec[.fraction]", possibly negative) as {seconds, nanoseconds in [0, 1e9)}. */
    public static long[] parsePaxTime(String key, String v) throws TarFormatException {
        boolean neg = v.startsWith("-");
        String body = neg ? v.substring(1) : v;
        int dot = body.indexOf('.');
        String ss = dot < 0 ? body : body.substring(0, dot);
        String fs = dot < 0 ? "" : body.substring(dot + 1);
        if (ss.isEmpty() && fs.isEmpty()) throw new TarFormatException("invalid PAX " + key + " \"" + v + "\"");
        long sec = ss.isEmpty() ? 0 : parseDecimal(key, ss, Long.MAX_VALUE / 2);
        long nsec = 0;
        if (!fs.isEmpty()) {
            for (int i = 0; i < fs.length(); i++) {
                if (fs.charAt(i) < '0' || fs.charAt(i) > '9') throw new TarFormatException("invalid PAX " + key + " \"" + v + "\"");
            }
            String nine = (fs + "000000000").substring(0, 9);
            nsec = Long.parseLong(nine);
        }
        if (neg) {
            sec = -sec;
            if (nsec > 0) {
                sec -= 1;
                nsec = 1_000_000_000L - nsec;
            }
        }
        return new long[] {sec, nsec};
    }

    /** The PAX text of a time: whole seconds, or with nine fraction digits when nsec is not 0. */
    public static String formatPaxTime(long sec, int nsec) {
        if (nsec == 0) return Long.toString(sec);
        if (sec < 0) {
            long s = sec + 1;
            long frac = 1_000_000_000L - nsec;
            return "-" + Math.abs(s) + "." + String.format("%09d", frac);
        }
        return sec + "." + String.format("%09d", nsec);
    }
}
