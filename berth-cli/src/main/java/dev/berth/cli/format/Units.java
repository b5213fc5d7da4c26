package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** docker/go-units' humanising: sizes ("4.26MB", "1.5GiB") and durations ("About a minute"). */
public final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Units() {}

    /** HumanSize: decimal units, 4 significant digits. */
    public static String humanSize(double size) {
        return humanSize(size, 4);
    }

    /** HumanSizeWithPrecision: decimal units ("1.99MB" with precision 3, as docker images prints). */
    public static String humanSize(double size, int precision) {
        int i = 0;
        while (size >= 1000.0 && i < DECIMAL.length - 1) {
            size /= 1000.0;
            i++;
        }
        return formatG(size, precision) + DECIMAL[i];
    }

    /** BytesSize: binary units, 4 significant digits ("64MiB"). */
    public static String bytesSize(double size) {
        int i = 0;
        while (size >= 1024.0 && i < BINARY.length - 1) {
            size /= 1024.0;
            i++;
        }
        return formatG(size, 4) + BINARY[i];
    }

    /** Go's {@code %.<precision>g}: shortest of plain and exponent form, trailing zeros dropped. */
    public static String formatG(double v, int precision) {
        if (v == 0) return "0";
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (precision <= 0) precision = 1;
        BigDecimal bd = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= precision) {
            String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
            if (digits.isEmpty()) digits = "0";
            StringBuilder sb = new StringBuilder();
            if (bd.signum() < 0) sb.append('-');
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) sb.append('0');
            return sb.append(ae).toString();
        }
        String plain = bd.stripTrailingZeros().toPlainString();
        return plain;
    }

    /** HumanDuration, as in "Up 5 minutes" and "2 hours ago". */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        long minutes = seconds / 60;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return hours / 24 + " days";
        if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
        if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
        return (long) (d.toNanos() / 3.6e12) / 24 / 365 + " years";
    }

    /** "X ago" from a Unix time in seconds, as the ps and images tables show it. */
    public static String ago(long unixSeconds, long nowMillis) {
        return humanDuration(Duration.ofMillis(nowMillis - unixSeconds * 1000)) + " ago";
    }

    /** Go's time.Time.String() in the local zone: "2026-11-23 07:35:42 +0000 UTC". */
    public static String goTime(long unixSeconds) {
        var t = java.time.Instant.ofEpochSecond(unixSeconds).atZone(java.time.ZoneId.systemDefault());
        return GO_TIME.format(t);
    }

    private static final java.time.format.DateTimeFormatter GO_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx z", java.util.Locale.ROOT);

    /** Go's RFC3339Nano: trailing zeros of the fraction dropped, "Z" for UTC. */
    public static String rfc3339Nano(java.time.Instant t) {
        String s = java.time.format.DateTimeFormatter.ISO_INSTANT.format(t);
        return s;
    }
}
