package dev.berth.archive.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PAX extended header records ("%d %s=%s\n", the length counting the whole record). Keys are raw
 * strings, values exact bytes: xattr values such as security.capability are binary and must survive
 * unchanged (commons-compress decodes them as UTF-8, which is why this module has its own codec).
 */
public final class PaxRecords {
    public static final String PATH = "path", LINKPATH = "linkpath", SIZE = "size", UID = "uid", GID = "gid",
            MTIME = "mtime", ATIME = "atime", XATTR_PREFIX = "SCHILY.xattr.", SPARSE_PREFIX = "GNU.sparse.";

    private PaxRecords() {}

    /** Parses a whole extended header; later records override earlier ones with the same key. */
    public static Map<String, byte[]> parse(byte[] data) throws TarFormatException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int sp = pos;
            while (sp < data.length && sp - pos < 12 && data[sp] >= '0' && data[sp] <= '9') sp++;
            if (sp == pos || sp >= data.length || data[sp] != ' ') throw new TarFormatException("malformed PAX record length");
            long len = Long.parseLong(new String(data, pos, sp - pos, StandardCharsets.US_ASCII));
            if (len < 5 || len > data.length - pos) throw new TarFormatException("PAX record length " + len + " out of range");
            int end = pos + (int) len;
            if (data[end - 1] != '\n') throw new TarFormatException("PAX record does not end with a newline");
            int eq = -1;
            for (int i = sp + 1; i < end - 1; i++) {
                if (data[i] == '=') {
                    eq = i;
                    break;
                }
            }
            if (eq <= sp + 1) throw new TarFormatException("malformed PAX record");
            String key = RawNames.fromBytes(data, sp + 1, eq - sp - 1);
            if (key.indexOf('\0') >= 0) throw new TarFormatException("PAX record key contains a NUL byte");
            out.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
            pos = end;
        }
        return out;
    }

    /** Appends one record for key=value. */
    public static void append(ByteArrayOutputStream out, String rawKey, byte[] value) {
        byte[] k = RawNames.toBytes(rawKey);
        int body = k.length + value.length + 3; // ' ', '=', '\n'
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) len = body + Integer.toString(len).length();
        out.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(k);
        out.write('=');
        out.writeBytes(value);
        out.write('\n');
    }

    public static String text(byte[] value) {
        return RawNames.fromBytes(value, 0, value.length);
    }
}
