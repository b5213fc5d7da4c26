package dev.berth.cli.template;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go semantics for template values: truth, printing with %v, comparison. */
final class Values {
    /** A missing map entry; prints as "<no value>" and is false. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    /** A nil map of docker's typed structs: prints "map[]", marshals as null. */
    static final Map<Object, Object> NIL_MAP = dev.berth.cli.format.GoJson.NIL_MAP;
    /** A nil slice of docker's typed structs: prints "[]", marshals as null. */
    static final List<Object> NIL_SLICE = dev.berth.cli.format.GoJson.NIL_SLICE;

    /** Fields that are maps or slices in docker's inspect structs, so a JSON null prints as Go would print them. */
    private static final java.util.Set<String> MAP_FIELDS = java.util.Set.of("Labels", "Options", "ExposedPorts", "Volumes",
            "Annotations", "Sysctls", "StorageOpt", "Tmpfs", "Ports", "Networks", "DriverOpts", "PortBindings", "Data", "Config");
    private static final java.util.Set<String> SLICE_FIELDS = java.util.Set.of("Env", "Cmd", "Entrypoint", "Binds", "Mounts", "Links",
            "Aliases", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "CapAdd", "CapDrop", "SecurityOpt", "RepoTags", "RepoDigests",
            "Layers", "Args", "OnBuild", "Shell", "Devices", "DeviceRequests", "DeviceCgroupRules", "Ulimits", "GroupAdd", "VolumesFrom",
            "MaskedPaths", "ReadonlyPaths", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps",
            "BlkioDeviceWriteIOps", "DNSNames", "Test", "ConsoleSize", "Processes", "Titles");

    /** The Go zero value a JSON null stands for in a typed struct field of that name. */
    static Object typedNull(String field) {
        if (MAP_FIELDS.contains(field)) return NIL_MAP;
        if (SLICE_FIELDS.contains(field)) return NIL_SLICE;
        return null;
    }

    private Values() {}

    static boolean truth(Object v) {
        if (v == null || v == NO_VALUE) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** fmt's %v. */
    static String print(Object v) {
        StringBuilder sb = new StringBuilder();
        print(sb, v, true);
        return sb.toString();
    }

    private static void print(StringBuilder sb, Object v, boolean top) {
        if (v == NO_VALUE) {
            sb.append("<no value>");
        } else if (v == null) {
            sb.append("<nil>");
        } else if (v instanceof String s) {
            sb.append(s);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(formatFloat(((Number) v).doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            boolean first = true;
            for (var e : sorted(m).entrySet()) {
                if (!first) sb.append(' ');
                first = false;
                print(sb, e.getKey(), false);
                sb.append(':');
                print(sb, e.getValue(), false);
            }
            sb.append(']');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(' ');
                first = false;
                print(sb, o, false);
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    static Map<Object, Object> sorted(Map<?, ?> m) {
        TreeMap<Object, Object> t = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        t.putAll(m);
        return t;
    }

    /** float64 with %v: shortest representation, exponent below 1e-4 and from 1e21. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return "0";
        double a = Math.abs(d);
        if (a < 1e-4 || a >= 1e21) {
            String s = Double.toString(d);
            int e = s.indexOf('E');
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
            int exp = Integer.parseInt(s.substring(e + 1));
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    static String typeName(Object v) {
        if (v == null || v == NO_VALUE) return "interface {}";
        if (v instanceof String) return "string";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Double || v instanceof Float) return "float64";
        if (v instanceof Number) return "int";
        if (v instanceof Map) return "map[string]interface {}";
        if (v instanceof List) return "[]interface {}";
        if (v instanceof TemplateObject o) return o.typeName();
        return v.getClass().getSimpleName();
    }

    static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger;
    }

    /** eq's comparison: numbers by value, everything else by equals. */
    static boolean equal(Object a, Object b) {
        if (a == NO_VALUE) a = null;
        if (b == NO_VALUE) b = null;
        if (a instanceof Number x && b instanceof Number y) {
            if (isInteger(x) && isInteger(y)) return x.longValue() == y.longValue();
            return x.doubleValue() == y.doubleValue();
        }
        if (a == null || b == null) return a == b;
        return a.equals(b);
    }

    static int compare(Object a, Object b, String fn) {
        if (a instanceof Number x && b instanceof Number y) {
            if (isInteger(x) && isInteger(y)) return Long.compare(x.longValue(), y.longValue());
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        throw new TemplateException("error calling " + fn + ": incompatible types for comparison");
    }
}
