package dev.berth.cli.opts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Go's value parsers as the docker CLI's flags use them, with their exact error texts:
 * strconv.ParseInt/ParseUint/ParseBool, go-units RAMInBytes, time.ParseDuration and big.Rat CPUs.
 * Each failure is an {@link IllegalArgumentException} carrying Go's message.
 */
public final class GoParse {
    private GoParse() {}

    /** strconv.ParseInt(s, 0, bits). */
    public static long parseInt(String s, int bits) {
        BigInteger v = integer(s, "ParseInt");
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        if (v.compareTo(max) > 0 || v.compareTo(min) < 0) throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(s) + ": value out of range");
        return v.longValue();
    }

    /** strconv.ParseUint(s, 0, bits). */
    public static long parseUint(String s, int bits) {
        if (s.startsWith("-") || s.startsWith("+")) throw new IllegalArgumentException("strconv.ParseUint: parsing " + quote(s) + ": invalid syntax");
        BigInteger v = integer(s, "ParseUint");
        if (v.bitLength() > bits) throw new IllegalArgumentException("strconv.ParseUint: parsing " + quote(s) + ": value out of range");
        return v.longValue();
    }

    private static BigInteger integer(String s, String fn) {
        String t = s;
        boolean neg = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            neg = t.startsWith("-");
            t = t.substring(1);
        }
        int radix = 10;
        boolean prefixed = false;
        if (t.length() > 1 && t.charAt(0) == '0') {
            char p = Character.toLowerCase(t.charAt(1));
            if (p == 'x') { radix = 16; t = t.substring(2); prefixed = true; }
            else if (p == 'o') { radix = 8; t = t.substring(2); prefixed = true; }
            else if (p == 'b') { radix = 2; t = t.substring(2); prefixed = true; }
            else { radix = 8; t = t.substring(1); prefixed = true; }
        }
        if (prefixed) {
            if (t.startsWith("_")) t = t.substring(1);
            if (t.contains("__") || t.endsWith("_")) t = "!";
            t = t.replace("_", "");
        }
        final int r = radix;
        if (t.isEmpty() || !t.chars().allMatch(c -> Character.digit(c, r) >= 0)) {
            throw new IllegalArgumentException("strconv." + fn + ": parsing " + quote(s) + ": invalid syntax");
        }
        BigInteger v = new BigInteger(t, radix);
        return neg ? v.negate() : v;
    }

    /** strconv.ParseBool. */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("strconv.ParseBool: parsing " + quote(s) + ": invalid syntax");
        };
    }

    /** go-units RAMInBytes: "64m" is 64 MiB; "b" suffix, "kb"/"kib" accepted. */
    public static long ramInBytes(String size) {
        int sep = -1;
        for (int i = size.length() - 1; i >= 0; i--) {
            if ("01234567890. ".indexOf(size.charAt(i)) >= 0) {
                sep = i;
                break;
            }
        }
        if (sep == -1) throw new IllegalArgumentException("invalid size: '" + size + "'");
        String num, sfx;
        if (size.charAt(sep) != ' ') {
            num = size.substring(0, sep + 1);
            sfx = size.substring(sep + 1);
        } else {
            num = size.substring(0, sep);
            sfx = size.substring(sep + 1);
        }
        double v = parseFloat(num);
        if (v < 0) throw new IllegalArgumentException("invalid size: '" + size + "'");
        if (sfx.isEmpty()) return (long) v;
        if (sfx.length() > 3) throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
        String lower = sfx.toLowerCase(java.util.Locale.ROOT);
        if (lower.charAt(0) == 'b') {
            if (lower.length() > 1) throw new IllegalArgumentException("invalid suffix: '" + lower + "'");
            return (long) v;
        }
        Long mul = Map.of('k', 1L << 10, 'm', 1L << 20, 'g', 1L << 30, 't', 1L << 40, 'p', 1L << 50).get(lower.charAt(0));
        if (mul == null || lower.length() == 2 && lower.charAt(1) != 'b' || lower.length() == 3 && !lower.substring(1).equals("ib")) {
            throw new IllegalArgumentException("invalid suffix: '" + lower + "'");
        }
        return (long) (v * mul);
    }

    /** strconv.ParseFloat(s, 64) for the plain decimal forms. */
    public static double parseFloat(String s) {
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") && !s.matches("[+-]?(?i:inf|infinity|nan)")) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing " + quote(s) + ": invalid syntax");
        }
        return Double.parseDouble(s.replaceAll("(?i)inf(inity)?", "Infinity").replaceAll("(?i)nan", "NaN"));
    }

    /** opts.ParseCPUs: a rational number of CPUs as nano-CPUs. */
    public static long parseCpus(String value) {
        BigDecimal cpu;
        try {
            int slash = value.indexOf('/');
            if (slash >= 0) {
                BigDecimal a = new BigDecimal(new BigInteger(value.substring(0, slash)));
                BigDecimal b = new BigDecimal(new BigInteger(value.substring(slash + 1)));
                if (b.signum() == 0) throw new NumberFormatException();
                BigDecimal nano = a.multiply(BigDecimal.valueOf(1_000_000_000L));
                BigDecimal[] qr = nano.divideAndRemainder(b);
                if (qr[1].signum() != 0) throw new IllegalArgumentException("value is too precise");
                return qr[0].longValue();
            }
            cpu = new BigDecimal(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("failed to parse " + value + " as a rational number");
        }
        BigDecimal nano = cpu.multiply(BigDecimal.valueOf(1_000_000_000L));
        if (nano.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("value is too precise");
        return nano.longValue();
    }

    /** time.ParseDuration, in nanoseconds. */
    public static long parseDuration(String s) {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new IllegalArgumentException("time: invalid duration " + quote(orig));
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) throw new IllegalArgumentException("time: invalid duration " + quote(orig));
            int ustart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(ustart, i);
            if (unit.isEmpty()) throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            };
            total += Double.parseDouble(num) * scale;
        }
        if (total > Long.MAX_VALUE) throw new IllegalArgumentException("time: invalid duration " + quote(orig));
        long v = Math.round(total);
        return neg ? -v : v;
    }

    /** Go's strconv.Quote for ASCII-ish input. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
