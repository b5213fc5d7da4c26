package dev.berth.cli.docker.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The pflag value kinds the network commands use that the container flags do not: string slices
 * (comma-separated, CSV-quoted, repeatable) and maps of key=value. Flags keep the raw values; these
 * functions expand them when the request is built.
 */
public final class NetworkFlagValues {
    private NetworkFlagValues() {}

    /** pflag's stringSlice: the values of every occurrence, each split as one CSV record. */
    public static List<String> slice(List<String> occurrences) {
        List<String> out = new ArrayList<>();
        for (String o : occurrences) out.addAll(csv(o));
        return out;
    }

    /** One CSV record as Go's encoding/csv reads it (fields may be "quoted" with "" for a quote); "" is no field at all. */
    public static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) return out;
        int i = 0, n = value.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) throw new IllegalArgumentException(csvError(j + 1, "extraneous or missing \" in quoted-field"));
                    char c = value.charAt(j);
                    if (c == '"') {
                        if (j + 1 < n && value.charAt(j + 1) == '"') {
                            field.append('"');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    field.append(c);
                    j++;
                }
                if (j < n && value.charAt(j) != ',') throw new IllegalArgumentException(csvError(j + 1, "extraneous or missing \" in quoted-field"));
                i = j;
            } else {
                int j = i;
                while (j < n && value.charAt(j) != ',') {
                    if (value.charAt(j) == '"') throw new IllegalArgumentException(csvError(j + 1, "bare \" in non-quoted-field"));
                    field.append(value.charAt(j));
                    j++;
                }
                i = j;
            }
            out.add(field.toString());
            if (i >= n) return out;
            i++; // the comma
            if (i >= n) {
                out.add("");
                return out;
            }
        }
    }

    private static String csvError(int column, String what) {
        return "parse error on line 1, column " + column + ": " + what;
    }

    /** opts.MapOpts: key=value pairs (a bare key maps to ""), later keys replacing earlier ones. */
    public static Map<String, String> map(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            out.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
        return out;
    }

    /** network connect's convertDriverOpt: key=value with both sides trimmed; a missing '=' or empty key is refused. */
    public static Map<String, String> driverOpts(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String k = eq < 0 ? o.strip() : o.substring(0, eq).strip();
            if (eq < 0 || k.isEmpty()) throw new IllegalArgumentException("invalid key/value pair format in driver options");
            out.put(k, o.substring(eq + 1).strip());
        }
        return out;
    }

    /** Checks a stringSlice occurrence at parse time, so a CSV fault is a flag error (exit 125) as with pflag. */
    public static final class Csv implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                csv(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }
}
