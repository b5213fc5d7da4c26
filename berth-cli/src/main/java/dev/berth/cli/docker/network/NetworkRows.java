package dev.berth.cli.docker.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Rows;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker network ls's formatter: the networkContext fields ({{.ID}} {{.Name}} {{.Driver}}
 * {{.Scope}} {{.IPv4}} {{.IPv6}} {{.Internal}} {{.Labels}} {{.CreatedAt}}, {{.Label "k"}}), their
 * headers, the table/raw/quiet formats, and the natural name order the list is shown in.
 */
public final class NetworkRows {
    public static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

    public static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Scope", "SCOPE",
            "IPv4", "IPV4", "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS", "CreatedAt", "CREATED AT");

    private NetworkRows() {}

    /** NewFormat: "table" (or nothing) and "raw" have quiet variants; any other template is used as given, even with -q. */
    public static String format(String source, boolean quiet) {
        return switch (source) {
            case "", "table" -> quiet ? "{{.ID}}" : DEFAULT_TABLE;
            case "raw" -> quiet ? "network_id: {{.ID}}" : "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n";
            default -> source;
        };
    }

    /** The list sorted by name as sortorder.NaturalLess orders it (runs of digits compare as numbers). */
    public static List<JsonNode> sorted(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : list) out.add(n);
        out.sort(Comparator.comparing((JsonNode n) -> n.path("Name").asText(""), NetworkRows::naturalCompare));
        return out;
    }

    public static Row row(JsonNode n, boolean trunc) {
        Map<String, Object> f = new LinkedHashMap<>();
        String id = n.path("Id").asText("");
        f.put("ID", trunc ? Rows.truncateId(id) : id);
        f.put("Name", n.path("Name").asText(""));
        f.put("Driver", n.path("Driver").asText(""));
        f.put("Scope", n.path("Scope").asText(""));
        f.put("IPv4", Boolean.toString(n.path("EnableIPv4").asBoolean(false)));
        f.put("IPv6", Boolean.toString(n.path("EnableIPv6").asBoolean(false)));
        f.put("Internal", Boolean.toString(n.path("Internal").asBoolean(false)));
        Map<String, String> labels = new TreeMap<>();
        n.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText("")));
        List<String> joined = new ArrayList<>();
        labels.forEach((k, v) -> joined.add(k + "=" + v));
        f.put("Labels", String.join(",", joined));
        f.put("CreatedAt", goTimeString(n.path("Created").asText("")));
        return new Row("*network.networkContext", f, labels);
    }

    /**
     * Go's time.Time.String() of a decoded RFC 3339 time: "2006-01-02 15:04:05.999999999 -0700 MST".
     * "Z" is UTC; an offset that the local zone uses at that instant takes the local zone's
     * abbreviation, any other gets the offset as its name (Go's fabricated zone).
     */
    public static String goTimeString(String rfc3339) {
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return "0001-01-01 00:00:00 +0000 UTC";
        }
        StringBuilder sb = new StringBuilder(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') end--;
            sb.append('.').append(frac, 0, end);
        }
        ZoneOffset off = t.getOffset();
        String numeric = DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(off);
        sb.append(' ').append(numeric).append(' ');
        boolean utc = rfc3339.endsWith("Z") || rfc3339.endsWith("z");
        if (utc) {
            sb.append("UTC");
        } else {
            ZoneId local = ZoneId.systemDefault();
            if (local.getRules().getOffset(t.toInstant()).equals(off)) {
                sb.append(DateTimeFormatter.ofPattern("z", Locale.ROOT).format(t.atZoneSameInstant(local)));
            } else {
                sb.append(numeric);
            }
        }
        return sb.toString();
    }

    /** sortorder.NaturalLess as a comparator, over the names' UTF-8 bytes. */
    public static int naturalCompare(String a, String b) {
        if (naturalLess(a, b)) return -1;
        return naturalLess(b, a) ? 1 : 0;
    }

    static boolean naturalLess(String s1, String s2) {
        byte[] a = s1.getBytes(StandardCharsets.UTF_8), b = s2.getBytes(StandardCharsets.UTF_8);
        int i = 0, j = 0;
        while (i < a.length && j < b.length) {
            boolean da = digit(a[i]), db = digit(b[j]);
            if (da != db) return da;
            if (!da) {
                if (a[i] != b[j]) return (a[i] & 0xff) < (b[j] & 0xff);
                i++;
                j++;
                continue;
            }
            while (i < a.length && a[i] == '0') i++;
            while (j < b.length && b[j] == '0') j++;
            int nz1 = i, nz2 = j;
            while (i < a.length && digit(a[i])) i++;
            while (j < b.length && digit(b[j])) j++;
            int len1 = i - nz1, len2 = j - nz2;
            if (len1 != len2) return len1 < len2;
            int cmp = java.util.Arrays.compare(a, nz1, i, b, nz2, j);
            if (cmp != 0) return cmp < 0;
            if (nz1 != nz2) return nz1 < nz2;
        }
        return a.length < b.length;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
