package dev.berth.firewall;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns nft's stderr for a failed script into a message that quotes the script line it complains about. */
final class NftError {
    private static final Pattern LOCATION = Pattern.compile(":(\\d+):\\d+(?:-\\d+)?: Error");

    private NftError() {}

    static String describe(String table, String script, String stderr) {
        StringBuilder msg = new StringBuilder("nft rejected the rules of table ip ").append(table).append(": ").append(stderr.strip());
        Matcher m = LOCATION.matcher(stderr);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            String[] lines = script.split("\n", -1);
            if (line >= 1 && line <= lines.length) {
                msg.append(" (script line ").append(line).append(": ").append(lines[line - 1].strip()).append(')');
            }
        }
        return msg.toString();
    }
}
