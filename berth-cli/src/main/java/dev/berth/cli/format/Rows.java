package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows for the ps, images and history tables, with docker's truncation and humanising rules. */
public final class Rows {
    public static final Map<String, String> CONTAINER_HEADERS = Map.ofEntries(
            Map.entry("ID", "CONTAINER ID"), Map.entry("Names", "NAMES"), Map.entry("Image", "IMAGE"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
            Map.entry("Labels", "LABELS"), Map.entry("Mounts", "MOUNTS"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
            Map.entry("Networks", "NETWORKS"), Map.entry("Platform", "PLATFORM"));
    public static final Map<String, String> IMAGE_HEADERS = Map.ofEntries(
            Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"), Map.entry("Digest", "DIGEST"),
            Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"),
            Map.entry("Containers", "CONTAINERS"), Map.entry("VirtualSize", "SIZE"), Map.entry("SharedSize", "SHARED SIZE"),
            Map.entry("UniqueSize", "UNIQUE SIZE"));
    public static final Map<String, String> HISTORY_HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    private Rows() {}

    /** stringid.TruncateID: the hex after any "algo:" prefix, cut to 12. */
    public static String truncateId(String id) {
        int colon = id.indexOf(':');
        if (colon >= 0) id = id.substring(colon + 1);
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    public static Row container(JsonNode c, boolean trunc, long nowMillis) {
        Map<String, Object> f = new LinkedHashMap<>();
        String id = c.path("Id").asText();
        f.put("ID", trunc ? truncateId(id) : id);
        List<String> names = new ArrayList<>();
        for (JsonNode n : c.path("Names")) names.add(n.asText().startsWith("/") ? n.asText().substring(1) : n.asText());
        if (trunc) {
            for (String n : names) {
                if (!n.contains("/")) {
                    names = List.of(n);
                    break;
                }
            }
        }
        f.put("Names", String.join(",", names));
        f.put("Image", containerImage(c.path("Image").asText(), c.path("ImageID").asText(), trunc));
        String command = c.path("Command").asText();
        f.put("Command", goQuote(trunc ? Ellipsis.cut(command, 20) : command));
        long created = c.path("Created").asLong();
        f.put("CreatedAt", Units.goTime(created));
        f.put("RunningFor", Units.ago(created, nowMillis));
        f.put("Ports", displayablePorts(c.path("Ports")));
        f.put("State", c.path("State").asText());
        f.put("Status", c.path("Status").asText());
        long rw = c.path("SizeRw").asLong(), rootfs = c.path("SizeRootFs").asLong();
        String size = Units.humanSize(rw, 3);
        if (rootfs > 0) size += " (virtual " + Units.humanSize(rootfs, 3) + ")";
        f.put("Size", size);
        Map<String, String> labels = new TreeMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> kv = new ArrayList<>();
        labels.forEach((k, v) -> kv.add(k + "=" + v));
        f.put("Labels", String.join(",", kv));
        List<String> mounts = new ArrayList<>();
        int local = 0;
        for (JsonNode m : c.path("Mounts")) {
            String name = m.path("Name").asText("");
            if (name.isEmpty()) name = m.path("Source").asText("");
            mounts.add(trunc ? Ellipsis.cut(name, 15) : name);
            if (m.path("Driver").asText("").equals("local")) local++;
        }
        f.put("Mounts", String.join(",", mounts));
        f.put("LocalVolumes", Integer.toString(local));
        List<String> networks = new ArrayList<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        f.put("Networks", String.join(",", networks));
        f.put("Platform", null);
        return new Row("*formatter.ContainerContext", f, labels);
    }

    private static String containerImage(String image, String imageId, boolean trunc) {
        if (image.isEmpty()) return "<no image>";
        if (!trunc) return image;
        String t = truncateId(imageId);
        if (t.equals(truncateId(image))) return t;
        try {
            ImageRef ref = ImageRef.parse(image);
            if (ref.tag() != null) return new ImageRef(ref.domain(), ref.path(), ref.tag(), null).familiarString();
            return ref.familiarName();
        } catch (IllegalArgumentException e) {
            return image;
        }
    }

    /** docker's DisplayablePorts: consecutive ports grouped, host mappings listed last. */
    public static String displayablePorts(JsonNode portsNode) {
        record Port(String ip, int priv, int pub, String type) {}
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : portsNode) {
            ports.add(new Port(p.path("IP").asText(""), p.path("PrivatePort").asInt(), p.path("PublicPort").asInt(), p.path("Type").asText("")));
        }
        ports.sort((a, b) -> a.priv != b.priv ? Integer.compare(a.priv, b.priv)
                : !a.ip.equals(b.ip) ? a.ip.compareTo(b.ip)
                : a.pub != b.pub ? Integer.compare(a.pub, b.pub) : a.type.compareTo(b.type));
        Map<String, int[]> groups = new HashMap<>();
        List<String> keys = new ArrayList<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (Port p : ports) {
            String key = p.type;
            if (!p.ip.isEmpty()) {
                if (p.pub != p.priv) {
                    hostMappings.add(joinHostPort(p.ip, Integer.toString(p.pub)) + "->" + p.priv + "/" + p.type);
                    continue;
                }
                key = p.ip + "/" + p.type;
            }
            int[] g = groups.get(key);
            if (g == null) {
                groups.put(key, new int[] {p.priv, p.priv});
                keys.add(key);
                continue;
            }
            if (p.priv == g[1] + 1) {
                g[1] = p.priv;
                continue;
            }
            result.add(formGroup(key, g[0], g[1]));
            groups.put(key, new int[] {p.priv, p.priv});
        }
        for (String key : keys) {
            int[] g = groups.get(key);
            result.add(formGroup(key, g[0], g[1]));
        }
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String formGroup(String key, int start, int last) {
        String[] parts = key.split("/");
        String type = parts[0];
        String ip = "";
        if (parts.length > 1) {
            ip = parts[0];
            type = parts[1];
        }
        String group = start == last ? Integer.toString(start) : start + "-" + last;
        if (!ip.isEmpty()) group = joinHostPort(ip, group) + "->" + group;
        return group + "/" + type;
    }

    private static String joinHostPort(String host, String port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The rows for one image summary: one per repository:tag (and digest when asked), or one <none> row. */
    public static List<Row> images(JsonNode img, boolean trunc, boolean showDigests, boolean needDigest, long nowMillis) {
        List<Row> rows = new ArrayList<>();
        List<String> repoTags = strings(img.path("RepoTags"));
        List<String> repoDigests = strings(img.path("RepoDigests"));
        boolean dangling = repoTags.isEmpty() && repoDigests.isEmpty()
                || repoTags.equals(List.of("<none>:<none>")) && repoDigests.equals(List.of("<none>@<none>"));
        if (dangling) {
            rows.add(image(img, trunc, "<none>", "<none>", "<none>", nowMillis));
            return rows;
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        Map<String, List<String>> digests = new LinkedHashMap<>();
        for (String s : repoTags) {
            try {
                ImageRef r = ImageRef.parse(s);
                if (r.tag() != null) tags.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.tag());
            } catch (IllegalArgumentException ignored) {
                // docker skips what it cannot parse
            }
        }
        for (String s : repoDigests) {
            try {
                ImageRef r = ImageRef.parse(s);
                if (r.digest() != null) digests.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.digest());
            } catch (IllegalArgumentException ignored) {
                // docker skips what it cannot parse
            }
        }
        for (var e : tags.entrySet()) {
            List<String> ds = digests.remove(e.getKey());
            if (!needDigest) ds = null;
            for (String tag : e.getValue()) {
                if (ds == null || ds.isEmpty()) {
                    rows.add(image(img, trunc, e.getKey(), tag, "<none>", nowMillis));
                } else {
                    for (String d : ds) rows.add(image(img, trunc, e.getKey(), tag, d, nowMillis));
                }
            }
        }
        for (var e : digests.entrySet()) {
            if (showDigests) {
                for (String d : e.getValue()) rows.add(image(img, trunc, e.getKey(), "<none>", d, nowMillis));
            } else {
                rows.add(image(img, trunc, e.getKey(), "<none>", "", nowMillis));
            }
        }
        return rows;
    }

    private static Row image(JsonNode img, boolean trunc, String repo, String tag, String digest, long now) {
        Map<String, Object> f = new LinkedHashMap<>();
        String id = img.path("Id").asText();
        f.put("ID", trunc ? truncateId(id) : id);
        f.put("Repository", repo);
        f.put("Tag", tag);
        f.put("Digest", digest);
        long created = img.path("Created").asLong();
        f.put("CreatedSince", Units.ago(created, now));
        f.put("CreatedAt", Units.goTime(created));
        long size = img.path("Size").asLong();
        f.put("Size", Units.humanSize(size, 3));
        long containers = img.path("Containers").asLong(-1);
        f.put("Containers", containers == -1 ? "N/A" : Long.toString(containers));
        f.put("VirtualSize", Units.humanSize(size));
        long shared = img.path("SharedSize").asLong(-1);
        f.put("SharedSize", shared == -1 ? "N/A" : Units.humanSize(shared));
        f.put("UniqueSize", size == -1 || shared == -1 ? "N/A" : Units.humanSize(size - shared));
        return new Row("*formatter.imageContext", f, null);
    }

    public static Row history(JsonNode h, boolean trunc, boolean human, long now) {
        Map<String, Object> f = new LinkedHashMap<>();
        String id = h.path("Id").asText();
        f.put("ID", trunc ? truncateId(id) : id);
        long created = h.path("Created").asLong();
        String createdAt = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                java.time.Instant.ofEpochSecond(created).atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime());
        if (createdAt.endsWith("+00:00")) createdAt = createdAt.substring(0, createdAt.length() - 6) + "Z";
        f.put("CreatedAt", createdAt);
        f.put("CreatedSince", !human ? createdAt : created <= 946684800L ? "N/A" : Units.ago(created, now));
        String by = h.path("CreatedBy").asText("").replace('\t', ' ');
        f.put("CreatedBy", trunc ? Ellipsis.cut(by, 45) : by);
        long size = h.path("Size").asLong();
        f.put("Size", human ? Units.humanSize(size, 3) : Long.toString(size));
        f.put("Comment", h.path("Comment").asText(""));
        return new Row("*image.historyContext", f, null);
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    /** Go's strconv.Quote. */
    public static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) sb.append(String.format("\\x%02x", cp));
                    else if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) sb.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        }
        return sb.append('"').toString();
    }
}
