package dev.berth.image.store;

import dev.berth.common.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code docker images --filter}: {@code dangling=true|false}, {@code label=key} or
 * {@code label=key=value} (all must match), {@code reference=<glob>} (any may match, Go
 * {@code path.Match} on the familiar reference), {@code before=<image>} and {@code since=<image>}
 * (created strictly before/after that image; the last value given wins).
 *
 * @param dangling null when not filtered
 */
public record ImageFilter(Boolean dangling, List<String> labels, List<String> references, String before, String since) {
    public static final ImageFilter NONE = new ImageFilter(null, List.of(), List.of(), null, null);

    private static final Set<String> ACCEPTED = Set.of("dangling", "label", "before", "since", "reference");

    public ImageFilter {
        labels = labels == null ? List.of() : List.copyOf(labels);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** Parses Docker's filter arguments (name to values), with Docker's "invalid filter '...'" errors. */
    public static ImageFilter parse(Map<String, List<String>> args) {
        for (String key : args.keySet()) {
            if (!ACCEPTED.contains(key)) throw BerthException.invalid("invalid filter '%s'", key);
        }
        Boolean dangling = null;
        List<String> d = args.getOrDefault("dangling", List.of());
        if (!d.isEmpty()) {
            if (d.contains("true")) dangling = true;
            else if (d.contains("false")) dangling = false;
            else throw BerthException.invalid("invalid filter 'dangling=%s'", String.join(",", d));
        }
        return new ImageFilter(dangling, args.get("label"), args.get("reference"), last(args.get("before")), last(args.get("since")));
    }

    private static String last(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
