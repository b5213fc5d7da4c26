package dev.berth.cli.template;

import java.util.List;

/** The common part of Go's fmt.Sprintf: flags "-+ 0", width, precision and the verbs v s q d x X o b f e g t c %. */
final class Printf {
    private Printf() {}

    static String format(String fmt, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            i++;
            if (i >= fmt.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            boolean minus = false, plus = false, zero = false, space = false, sharp = false;
            for (; i < fmt.length(); i++) {
                char f = fmt.charAt(i);
                if (f == '-') minus = true;
                else if (f == '+') plus = true;
                else if (f == '0') zero = true;
                else if (f == ' ') space = true;
                else if (f == '#') sharp = true;
                else break;
            }
            int width = -1, prec = -1;
            int start = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            if (i > start) width = Integer.parseInt(fmt.substring(start, i));
            if (i < fmt.length() && fmt.charAt(i) == '.') {
                i++;
                start = i;
                while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
                prec = i > start ? Integer.parseInt(fmt.substring(start, i)) : 0;
            }
            if (i >= fmt.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = fmt.charAt(i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object a = args.get(argi++);
            String s = switch (verb) {
                case 'v', 's' -> {
                    String p = Values.print(a);
                    yield prec >= 0 && verb == 's' && p.length() > prec ? p.substring(0, prec) : p;
                }
                case 'q' -> a instanceof String str ? dev.berth.cli.format.GoJson.quote(str, false) : Values.print(a);
                case 'd' -> a instanceof Number n && Values.isInteger(n) ? sign(Long.toString(n.longValue()), plus, space) : bad(verb, a);
                case 'x', 'X', 'o', 'b' -> {
                    if (a instanceof Number n && Values.isInteger(n)) {
                        int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
                        String r = Long.toString(n.longValue(), radix);
                        if (sharp) r = (verb == 'o' ? "0" : verb == 'b' ? "0b" : "0x") + r;
                        yield verb == 'X' ? r.toUpperCase() : r;
                    }
                    if (a instanceof String str && (verb == 'x' || verb == 'X')) {
                        StringBuilder h = new StringBuilder();
                        for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) h.append(String.format(verb == 'x' ? "%02x" : "%02X", b));
                        yield h.toString();
                    }
                    yield bad(verb, a);
                }
                case 'f', 'F', 'e', 'g' -> a instanceof Number n ? sign(floatVerb(verb, n.doubleValue(), prec), plus, space) : bad(verb, a);
                case 't' -> a instanceof Boolean b ? b.toString() : bad(verb, a);
                case 'c' -> a instanceof Number n ? new String(Character.toChars(n.intValue())) : bad(verb, a);
                default -> "%!" + verb + "(" + Values.typeName(a) + "=" + Values.print(a) + ")";
            };
            if (width > s.length()) {
                String pad = (zero && !minus && verb != 's' && verb != 'v' && verb != 'q' ? "0" : " ").repeat(width - s.length());
                if (minus) s = s + pad;
                else if (pad.startsWith("0") && (s.startsWith("-") || s.startsWith("+"))) s = s.charAt(0) + pad + s.substring(1);
                else s = pad + s;
            }
            out.append(s);
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) out.append(", ");
                out.append(Values.typeName(args.get(k))).append('=').append(Values.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String sign(String s, boolean plus, boolean space) {
        if (s.startsWith("-")) return s;
        return plus ? "+" + s : space ? " " + s : s;
    }

    private static String floatVerb(char verb, double d, int prec) {
        return switch (verb) {
            case 'f', 'F' -> new java.math.BigDecimal(d).setScale(prec < 0 ? 6 : prec, java.math.RoundingMode.HALF_EVEN).toPlainString();
            case 'e' -> {
                String s = String.format("%." + (prec < 0 ? 6 : prec) + "e", d);
                yield s;
            }
            default -> prec < 0 ? Values.formatFloat(d) : dev.berth.cli.format.Units.formatG(d, prec);
        };
    }

    private static String bad(char verb, Object a) {
        return "%!" + verb + "(" + Values.typeName(a) + "=" + Values.print(a) + ")";
    }
}
