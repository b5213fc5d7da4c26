package dev.berth.engine.logs;

import dev.berth.common.BerthException;
import dev.berth.engine.model.LogConfig;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The json-file driver's rotation options (max-size, max-file), checked with Docker's errors. */
public record LogRotation(long maxSize, int maxFiles) {
    public static final LogRotation NONE = new LogRotation(0, 1);
    private static final Set<String> JSON_FILE_OPTS = Set.of("max-size", "max-file", "compress", "labels", "labels-regex", "env",
            "env-regex", "tag");
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    /** NONE for other drivers or no options; invalid options throw INVALID_ARGUMENT. */
    public static LogRotation of(LogConfig lc) {
        if (lc == null) return NONE;
        String type = lc.type() == null || lc.type().isEmpty() ? "json-file" : lc.type();
        Map<String, String> cfg = lc.config() == null ? Map.of() : lc.config();
        if (!type.equals("json-file")) return NONE;
        for (String k : cfg.keySet())
            if (!JSON_FILE_OPTS.contains(k)) throw BerthException.invalid("unknown log opt '%s' for json-file log driver", k);
        long size = 0;
        String ms = cfg.get("max-size");
        if (ms != null && !ms.isEmpty()) {
            size = bytes(ms);
            if (size <= 0) throw BerthException.invalid("max-size must be a positive number");
        }
        int files = 1;
        String mf = cfg.get("max-file");
        if (mf != null && !mf.isEmpty()) {
            try {
                files = Integer.parseInt(mf);
            } catch (NumberFormatException e) {
                throw BerthException.invalid("strconv.Atoi: parsing \"%s\": invalid syntax", mf);
            }
            if (files < 1) throw BerthException.invalid("max-file cannot be less than 1");
            if (files > 1 && size == 0) throw BerthException.invalid("max-file cannot be set without max-size");
        }
        return new LogRotation(size, files);
    }

    /** go-units RAMInBytes: binary multiples, "10m" is 10 MiB. */
    static long bytes(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) throw BerthException.invalid("invalid size: '%s'", s);
        double v = Double.parseDouble(m.group(1).replaceAll("\\.(?=.*\\.)", ""));
        String u = m.group(2) == null ? "" : m.group(2).toLowerCase();
        int shift = switch (u) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return (long) (v * (1L << shift));
    }
}
