package dev.berth.cli.template;

/** Go literal syntax: interpreted strings with escapes, and numbers (ints, hex, floats). */
final class Strings {
    private Strings() {}

    static String unquote(String q, int line) {
        StringBuilder sb = new StringBuilder(q.length());
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = q.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(q.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(q.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> throw new TemplateException("template: :" + line + ": invalid syntax in quoted string " + q);
            }
        }
        return sb.toString();
    }

    static Object number(String s, int line) {
        String t = s.replace("_", "");
        try {
            if (t.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                boolean neg = t.startsWith("-");
                long v = Long.parseLong(t.replaceFirst("^[+-]?0[xX]", ""), 16);
                return neg ? -v : v;
            }
            if (t.matches("[+-]?0[oO]?[0-7]+") && t.replaceFirst("^[+-]", "").length() > 1) {
                boolean neg = t.startsWith("-");
                long v = Long.parseLong(t.replaceFirst("^[+-]?0[oO]?", ""), 8);
                return neg ? -v : v;
            }
            if (t.matches("[+-]?[0-9]+")) return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new TemplateException("template: :" + line + ": bad number syntax: \"" + s + "\"");
        }
    }
}
