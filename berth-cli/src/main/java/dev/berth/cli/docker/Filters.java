package dev.berth.cli.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** --filter name=value values (already checked by the converter) grouped by name. */
final class Filters {
    private Filters() {}

    static Map<String, List<String>> group(List<String> filters) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            out.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return out;
    }
}
