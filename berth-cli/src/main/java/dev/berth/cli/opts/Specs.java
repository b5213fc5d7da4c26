package dev.berth.cli.opts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The structured flag values of docker run/create: --mount, -v, -p/--expose, --device and
 * --network, parsed to the JSON shapes the Engine API takes (maps in Go field order).
 */
public final class Specs {
    private Specs() {}

    /** encoding/csv for one record: commas split, double quotes group. */
    static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < value.length() && value.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("parse error on line 1, column " + value.length() + ": extraneous or missing \" in quoted-field");
        out.add(cur.toString());
        return out;
    }

    private static String absIfRelative(String v) {
        if (!v.startsWith("/") && v.startsWith(".")) return Path.of(v).toAbsolutePath().normalize().toString();
        return v;
    }

    /** A parsed --mount, as the API's Mount object. */
    public record MountValue(Map<String, Object> json) {}

    /** opts.MountOpt.Set: one --mount value as an API Mount object. */
    public static Map<String, Object> mount(String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = "volume";
        String source = null, target = null, consistency = null;
        boolean readOnly = false;
        Map<String, Object> bind = null, volume = null, image = null, tmpfs = null;
        Map<String, Object> driver = null;
        for (String field : csv(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
            String val = eq < 0 ? "" : field.substring(eq + 1);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> readOnly = true;
                    case "volume-nocopy" -> {
                        if (volume == null) { volume = new LinkedHashMap<>(); driver = new LinkedHashMap<>(); }
                        volume.put("NoCopy", true);
                    }
                    case "bind-nonrecursive" -> {
                        if (bind == null) bind = new LinkedHashMap<>();
                        bind.put("NonRecursive", true);
                    }
                    default -> throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            switch (key) {
                case "type" -> type = val.toLowerCase(java.util.Locale.ROOT);
                case "source", "src" -> source = absIfRelative(val);
                case "target", "dst", "destination" -> target = val;
                case "readonly", "ro" -> {
                    try {
                        readOnly = GoParse.parseBool(val);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + val);
                    }
                }
                case "consistency" -> consistency = val.toLowerCase(java.util.Locale.ROOT);
                case "bind-propagation" -> {
                    if (bind == null) bind = new LinkedHashMap<>();
                    bind.put("Propagation", val.toLowerCase(java.util.Locale.ROOT));
                }
                case "bind-nonrecursive" -> {
                    if (bind == null) bind = new LinkedHashMap<>();
                    try {
                        if (GoParse.parseBool(val)) bind.put("NonRecursive", true);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + val);
                    }
                }
                case "bind-recursive" -> {
                    switch (val) {
                        case "enabled" -> { }
                        case "disabled" -> {
                            if (bind == null) bind = new LinkedHashMap<>();
                            bind.put("NonRecursive", true);
                        }
                        case "writable" -> {
                            if (bind == null) bind = new LinkedHashMap<>();
                            bind.put("ReadOnlyNonRecursive", true);
                        }
                        case "readonly" -> {
                            if (bind == null) bind = new LinkedHashMap<>();
                            bind.put("ReadOnlyForceRecursive", true);
                        }
                        default -> throw new IllegalArgumentException("invalid value for " + key + ": " + val + " (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
                    }
                }
                case "volume-subpath", "volume-nocopy", "volume-label", "volume-driver", "volume-opt" -> {
                    if (volume == null) { volume = new LinkedHashMap<>(); driver = new LinkedHashMap<>(); }
                    switch (key) {
                        case "volume-subpath" -> volume.put("Subpath", val);
                        case "volume-nocopy" -> {
                            try {
                                volume.put("NoCopy", GoParse.parseBool(val));
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException("invalid value for volume-nocopy: " + val);
                            }
                        }
                        case "volume-label" -> putKv(labels(volume), val);
                        case "volume-driver" -> driver.put("Name", val);
                        default -> {
                            @SuppressWarnings("unchecked")
                            Map<String, String> o = (Map<String, String>) driver.computeIfAbsent("Options", x -> new TreeMap<String, String>());
                            putKv(o, val);
                        }
                    }
                }
                case "image-subpath" -> {
                    if (image == null) image = new LinkedHashMap<>();
                    image.put("Subpath", val);
                }
                case "tmpfs-size" -> {
                    if (tmpfs == null) tmpfs = new LinkedHashMap<>();
                    try {
                        tmpfs.put("SizeBytes", GoParse.ramInBytes(val));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + val);
                    }
                }
                case "tmpfs-mode" -> {
                    if (tmpfs == null) tmpfs = new LinkedHashMap<>();
                    try {
                        tmpfs.put("Mode", Long.parseLong(val, 8));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + val);
                    }
                }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (type.isEmpty()) throw new IllegalArgumentException("type is required");
        if (target == null || target.isEmpty()) throw new IllegalArgumentException("target is required");
        if (volume != null && !type.equals("volume")) throw new IllegalArgumentException("cannot mix 'volume-*' options with mount type '" + type + "'");
        if (image != null && !type.equals("image")) throw new IllegalArgumentException("cannot mix 'image-*' options with mount type '" + type + "'");
        if (bind != null && !type.equals("bind")) throw new IllegalArgumentException("cannot mix 'bind-*' options with mount type '" + type + "'");
        if (tmpfs != null && !type.equals("tmpfs")) throw new IllegalArgumentException("cannot mix 'tmpfs-*' options with mount type '" + type + "'");
        if (bind != null) {
            if (bind.containsKey("ReadOnlyNonRecursive") && !readOnly) throw new IllegalArgumentException("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
            if (bind.containsKey("ReadOnlyForceRecursive")) {
                if (!readOnly) throw new IllegalArgumentException("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
                if (!"rprivate".equals(bind.get("Propagation"))) throw new IllegalArgumentException("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
            }
        }
        m.put("Type", type);
        if (source != null && !source.isEmpty()) m.put("Source", source);
        m.put("Target", target);
        if (readOnly) m.put("ReadOnly", true);
        if (consistency != null && !consistency.isEmpty()) m.put("Consistency", consistency);
        if (bind != null) m.put("BindOptions", ordered(bind, "Propagation", "NonRecursive", "CreateMountpoint", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"));
        if (volume != null) {
            Map<String, Object> v = ordered(volume, "NoCopy", "Labels", "Subpath");
            v.put("DriverConfig", ordered(driver, "Name", "Options"));
            m.put("VolumeOptions", v);
        }
        if (image != null) m.put("ImageOptions", image);
        if (tmpfs != null) m.put("TmpfsOptions", ordered(tmpfs, "SizeBytes", "Mode"));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> volume) {
        return (Map<String, String>) volume.computeIfAbsent("Labels", x -> new TreeMap<String, String>());
    }

    private static void putKv(Map<String, String> target, String value) {
        int eq = value.indexOf('=');
        String k = eq < 0 ? value : value.substring(0, eq);
        if (!k.isEmpty()) target.put(k, eq < 0 ? "" : value.substring(eq + 1));
    }

    /** Go's omitempty in field order: false, "" and empty maps are left out. */
    private static Map<String, Object> ordered(Map<String, Object> src, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            Object v = src.get(k);
            if (v == null || Boolean.FALSE.equals(v) || "".equals(v) || v instanceof Map<?, ?> mm && mm.isEmpty()) continue;
            out.put(k, v);
        }
        return out;
    }

    /** loader.ParseVolume reduced to what -v needs: source (may be empty), target, whether a bind. */
    public record Volume(String source, String target, boolean bind) {}

    public static Volume volume(String spec) {
        if (spec.isEmpty()) throw new IllegalArgumentException("invalid empty volume spec");
        if (spec.length() <= 2) return new Volume("", spec, false);
        String source = "", target = "";
        int fields = 0;
        StringBuilder buf = new StringBuilder();
        String s = spec + '\0';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean drive = c == ':' && buf.length() == 1 && Character.isLetter(buf.charAt(0));
            if (!drive && (c == ':' || c == '\0')) {
                if (buf.isEmpty()) throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
                if (source.isEmpty() && fields == 0 && c == '\0') {
                    target = buf.toString();
                } else if (fields == 0) {
                    source = buf.toString();
                } else if (fields == 1) {
                    target = buf.toString();
                } else if (c == ':') {
                    throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
                }
                fields++;
                buf.setLength(0);
            } else {
                buf.append(c);
            }
        }
        boolean bind = !source.isEmpty() && (source.charAt(0) == '.' || source.charAt(0) == '/' || source.charAt(0) == '~');
        return new Volume(source, target, bind);
    }

    /** nat.ParsePortSpecs over -p values (after the name=value form is converted), plus --expose. */
    public static void ports(List<String> publish, List<String> expose, Map<String, Object> exposed, Map<String, List<Map<String, String>>> bindings) {
        for (String raw : publish) {
            String spec = raw;
            if (raw.contains("=")) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("protocol", "tcp");
                for (String param : raw.split(",")) {
                    int eq = param.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("invalid publish opts format (should be name=value but got '" + param + "')");
                    params.put(param.substring(0, eq), param.substring(eq + 1));
                }
                spec = params.getOrDefault("published", "") + ":" + params.getOrDefault("target", "") + "/" + params.get("protocol");
            }
            portSpec(spec, exposed, bindings);
        }
        for (String e : expose) {
            if (e.contains(":")) throw new IllegalArgumentException("invalid port format for --expose: " + e);
            String[] pp = splitProtoPort(e);
            long[] range;
            try {
                range = portRange(pp[1]);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("invalid range format for --expose: " + e + ", error: " + ex.getMessage());
            }
            for (long i = range[0]; i <= range[1]; i++) exposed.putIfAbsent(i + "/" + pp[0], Map.of());
        }
    }

    private static String[] splitProtoPort(String raw) {
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts[0].isEmpty()) return new String[] {"", ""};
        if (parts.length == 1) return new String[] {"tcp", raw};
        if (parts[1].isEmpty()) return new String[] {"tcp", parts[0]};
        return new String[] {parts[1], parts[0]};
    }

    private static long[] portRange(String ports) {
        if (ports.isEmpty()) throw new IllegalArgumentException("empty string specified for ports");
        int dash = ports.indexOf('-');
        if (dash < 0) {
            long p = port(ports);
            return new long[] {p, p};
        }
        long start = port(ports.substring(0, dash)), end = port(ports.substring(dash + 1));
        if (end < start) throw new IllegalArgumentException("invalid range specified for port: " + ports);
        return new long[] {start, end};
    }

    private static long port(String s) {
        try {
            return GoParse.parseUint(s, 16);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid start port '" + s + "': invalid syntax");
        }
    }

    private static void portSpec(String raw, Map<String, Object> exposed, Map<String, List<Map<String, String>>> bindings) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String containerPort = parts[n - 1];
        String ip = "", hostPort = "";
        if (n == 2) hostPort = parts[0];
        else if (n == 3) {
            ip = parts[0];
            hostPort = parts[1];
        } else if (n > 3) {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
        }
        String[] pp = splitProtoPort(containerPort);
        String proto = pp[0];
        containerPort = pp[1];
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        if (!ip.isEmpty()) {
            try {
                FlagValues.ip(ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid IP address: " + ip);
            }
        }
        if (containerPort.isEmpty()) throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
        long[] cr;
        try {
            cr = portRange(containerPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid containerPort: " + containerPort);
        }
        long[] hr = {0, 0};
        if (!hostPort.isEmpty()) {
            try {
                hr = portRange(hostPort);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid hostPort: " + hostPort);
            }
        }
        if (!hostPort.isEmpty() && cr[1] - cr[0] != hr[1] - hr[0] && cr[1] != cr[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort);
        }
        String lp = proto.toLowerCase(java.util.Locale.ROOT);
        if (!lp.equals("tcp") && !lp.equals("udp") && !lp.equals("sctp")) throw new IllegalArgumentException("invalid proto: " + proto);
        for (long i = 0; i <= cr[1] - cr[0]; i++) {
            String hp = hostPort;
            if (!hostPort.isEmpty()) hp = Long.toString(hr[0] + i);
            if (cr[0] == cr[1] && hr[0] != hr[1]) hp = hp + "-" + hr[1];
            String key = (cr[0] + i) + "/" + lp;
            exposed.putIfAbsent(key, Map.of());
            Map<String, String> b = new LinkedHashMap<>();
            b.put("HostIp", ip);
            b.put("HostPort", hp);
            bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        }
    }

    /** validateDevice + parseLinuxDevice: host[:container][:permissions]. */
    public static Map<String, Object> device(String val) {
        if (val.chars().filter(c -> c == ':').count() > 2) throw new IllegalArgumentException("bad format for path: " + val);
        String[] split = val.split(":", 3);
        if (split[0].isEmpty()) throw new IllegalArgumentException("bad format for path: " + val);
        String src = split[0], dst = "", perms = "rwm";
        String containerPath;
        switch (split.length) {
            case 1 -> containerPath = split[0];
            case 2 -> {
                if (validMode(split[1])) {
                    containerPath = split[0];
                    perms = split[1];
                } else {
                    containerPath = split[1];
                    dst = cleanPath(split[1]);
                }
            }
            default -> {
                containerPath = split[1];
                if (!validMode(split[2])) throw new IllegalArgumentException("bad mode specified: " + split[2]);
                dst = split[1];
                perms = split[2];
            }
        }
        if (!containerPath.startsWith("/")) throw new IllegalArgumentException(containerPath + " is not an absolute path");
        if (split.length == 1 || split.length == 2 && validMode(split[1])) src = cleanPath(src);
        if (dst.isEmpty()) dst = src;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PathOnHost", src);
        m.put("PathInContainer", dst);
        m.put("CgroupPermissions", perms);
        return m;
    }

    private static String cleanPath(String p) {
        String c = Path.of(p).normalize().toString();
        return c.isEmpty() ? "." : c;
    }

    private static boolean validMode(String mode) {
        if (mode.isEmpty()) return false;
        String seen = "";
        for (char c : mode.toCharArray()) {
            if ("rwm".indexOf(c) < 0 || seen.indexOf(c) >= 0) return false;
            seen += c;
        }
        return true;
    }

    /** One --network value: a plain name, or name=...,alias=...,ip=... */
    public record Network(String target, List<String> aliases, Map<String, String> driverOpts, String ipv4, String ipv6,
                          List<String> linkLocalIps, String mac, int gwPriority, List<String> links) {}

    public static Network network(String value) {
        if (!java.util.regex.Pattern.compile("\\w+=\\w+(,\\w+=\\w+)*").matcher(value).find()) {
            return new Network(value, List.of(), null, "", "", List.of(), "", 0, List.of());
        }
        String target = "", ipv4 = "", ipv6 = "", mac = "";
        List<String> aliases = new ArrayList<>(), lli = new ArrayList<>();
        Map<String, String> dopts = null;
        int gw = 0;
        for (String field : csv(value)) {
            String lower = field.toLowerCase(java.util.Locale.ROOT);
            int eq = lower.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("invalid field " + field);
            String key = lower.substring(0, eq).strip(), val = lower.substring(eq + 1).strip();
            switch (key) {
                case "name" -> target = val;
                case "alias" -> aliases.add(val);
                case "ip" -> ipv4 = val;
                case "ip6" -> ipv6 = val;
                case "mac-address" -> mac = val;
                case "link-local-ip" -> lli.add(val);
                case "driver-opt" -> {
                    int e2 = val.indexOf('=');
                    if (e2 <= 0) throw new IllegalArgumentException("invalid key value pair format in driver options");
                    if (dopts == null) dopts = new TreeMap<>();
                    dopts.put(val.substring(0, e2).strip(), val.substring(e2 + 1).strip());
                }
                case "gw-priority" -> {
                    try {
                        gw = Integer.parseInt(val);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid gw-priority (" + val + "): invalid syntax");
                    }
                }
                default -> throw new IllegalArgumentException("invalid field key " + key);
            }
        }
        if (target.isEmpty()) throw new IllegalArgumentException("network name/id is not specified");
        return new Network(target, aliases, dopts, ipv4, ipv6, lli, mac, gw, List.of());
    }
}
