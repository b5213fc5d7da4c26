package dev.berth.engine.spec;

import java.util.List;
import java.util.Set;

/**
 * One HostConfig.Binds entry, "SOURCE:DEST[:MODE]", parsed with moby's linux parser rules
 * (volume/mounts/linux_parser.go ParseMountRaw) and messages. MODE is a comma list of at most one
 * each of: ro|rw, z|Z (SELinux relabel, ignored by Berth), a propagation, nocopy, and a
 * consistency (consistent|cached|delegated, ignored on Linux).
 *
 * @param source the host path, or a volume name when not absolute
 * @param destination the cleaned container path
 * @param readOnly "ro" was given
 * @param propagation the propagation given, or "rprivate"
 */
record BindSpec(String source, String destination, boolean readOnly, String propagation) {
    static final String DEFAULT_PROPAGATION = "rprivate";
    static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
    private static final Set<String> CONSISTENCY = Set.of("consistent", "cached", "delegated");

    /** A named (or anonymous) volume rather than a host path. */
    boolean isVolume() {
        return !source.startsWith("/");
    }

    static BindSpec parse(String raw) {
        if (raw.chars().filter(c -> c == ':').count() > 2) throw invalidSpec(raw);
        String[] arr = raw.split(":", 3);
        if (arr[0].isEmpty()) throw invalidSpec(raw);
        String source;
        String target;
        String mode = "";
        switch (arr.length) {
            case 1 -> {
                // Only a destination: an anonymous volume.
                source = "";
                target = arr[0];
            }
            case 2 -> {
                if (validMode(arr[1])) throw invalidSpec(raw);
                source = arr[0];
                target = arr[1];
            }
            default -> {
                source = arr[0];
                target = arr[1];
                mode = arr[2];
            }
        }
        if (!validMode(mode)) throw Errors.invalid("invalid mode: " + mode);
        String type = source.startsWith("/") ? "bind" : "volume";
        if (target.isEmpty()) throw invalidConfig(raw, type, "field Target must not be empty");
        String problem = MountPaths.targetProblem(target);
        if (problem != null) throw invalidConfig(raw, type, problem);
        boolean readOnly = false;
        String propagation = DEFAULT_PROPAGATION;
        for (String o : mode.split(",", -1)) {
            if (o.equals("ro")) readOnly = true;
            if (PROPAGATIONS.contains(o)) propagation = o;
        }
        return new BindSpec(source.isEmpty() ? "" : type.equals("bind") ? MountPaths.clean(source) : source,
                MountPaths.clean(target.replace('\\', '/')), readOnly, propagation);
    }

    /** Docker's linuxValidMountMode. */
    static boolean validMode(String mode) {
        if (mode.isEmpty()) return true;
        int rw = 0, label = 0, propagation = 0, copy = 0, consistency = 0;
        for (String o : mode.split(",", -1)) {
            if (o.equals("rw") || o.equals("ro")) rw++;
            else if (o.equals("z") || o.equals("Z")) label++;
            else if (PROPAGATIONS.contains(o)) propagation++;
            else if (o.equals("nocopy")) copy++;
            else if (CONSISTENCY.contains(o)) consistency++;
            else return false;
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    private static RuntimeException invalidSpec(String raw) {
        return Errors.invalid("invalid volume specification: '" + raw + "'");
    }

    private static RuntimeException invalidConfig(String raw, String type, String detail) {
        return Errors.invalid("invalid volume specification: '" + raw + "': invalid mount config for type "
                + GoText.quote(type) + ": " + detail);
    }

    /** The host directories of Binds that dockerd creates (mkdir -p, mode 0755) when missing. */
    static List<String> hostSources(List<String> binds) {
        return binds == null ? List.of() : binds.stream().map(BindSpec::parse)
                .filter(b -> !b.isVolume()).map(BindSpec::source).distinct().toList();
    }
}
