package dev.berth.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accept rules Berth keeps in iptables' {@code DOCKER-USER} chain when {@code ip filter FORWARD} has policy drop:
 * {@code -i BR -j ACCEPT} and {@code -o BR -j ACCEPT} per bridge, each tagged {@code --comment berth:<table>} so that
 * exactly Berth's rules (and only this daemon's) are found again and removed. Pure argument building and parsing.
 */
final class DockerUserRules {
    static final String CHAIN = "DOCKER-USER";

    private DockerUserRules() {}

    static String comment(String table) {
        return "berth:" + table;
    }

    /** Key of one rule: {@code -i br0} or {@code -o br0}. */
    static List<String> wanted(List<String> bridges) {
        List<String> keys = new ArrayList<>();
        for (String b : bridges) {
            keys.add("-i " + b);
            keys.add("-o " + b);
        }
        return keys;
    }

    /** iptables arguments that insert the rule for {@code key} at the top of DOCKER-USER. */
    static List<String> insertArgs(String key, String table) {
        List<String> args = new ArrayList<>(List.of("-w", "-I", CHAIN));
        args.addAll(List.of(key.split(" ")));
        args.addAll(List.of("-m", "comment", "--comment", comment(table), "-j", "ACCEPT"));
        return args;
    }

    /**
     * Berth's rules for {@code table} in {@code iptables -S DOCKER-USER} output, keyed like {@link #wanted}, each
     * mapped to the iptables arguments that delete it.
     */
    static Map<String, List<String>> present(String iptablesS, String table) {
        String comment = comment(table);
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String line : iptablesS.split("\n")) {
            List<String> tokens = List.of(line.strip().split("\\s+"));
            if (tokens.size() < 2 || !tokens.get(0).equals("-A") || !tokens.get(1).equals(CHAIN)) continue;
            int c = tokens.indexOf("--comment");
            if (c < 0 || c + 1 >= tokens.size() || !unquote(tokens.get(c + 1)).equals(comment)) continue;
            String key = null;
            for (int i = 2; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).equals("-i") || tokens.get(i).equals("-o")) key = tokens.get(i) + " " + tokens.get(i + 1);
            }
            if (key == null) continue;
            List<String> delete = new ArrayList<>(List.of("-w", "-D"));
            delete.addAll(tokens.subList(1, tokens.size()).stream().map(DockerUserRules::unquote).toList());
            found.put(key, delete);
        }
        return found;
    }

    /** The iptables rule an admin must add so Berth's bridge traffic survives a FORWARD drop policy. */
    static String advice(List<String> bridges) {
        StringBuilder s = new StringBuilder();
        for (String b : bridges) {
            if (!s.isEmpty()) s.append("; ");
            s.append("iptables -I FORWARD -i ").append(b).append(" -j ACCEPT; iptables -I FORWARD -o ").append(b).append(" -j ACCEPT");
        }
        return s.toString();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
