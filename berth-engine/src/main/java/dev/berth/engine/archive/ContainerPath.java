package dev.berth.engine.archive;

/**
 * A path the client named inside a container, split the way docker cp needs it: the parent directory
 * (resolved inside the container's root), the final name (looked at without following it), and whether
 * the final component must be followed (a trailing "/" or "/." as Docker preserves it).
 */
record ContainerPath(String original, String parent, String name, boolean followFinal) {

    static ContainerPath parse(String path) {
        if (path == null || path.isEmpty()) throw dev.berth.common.BerthException.invalid("path must not be empty");
        String abs = path.startsWith("/") ? path : "/" + path;
        boolean follow = abs.endsWith("/") || abs.endsWith("/.");
        String trimmed = abs;
        while (trimmed.length() > 1 && (trimmed.endsWith("/") || trimmed.endsWith("/."))) {
            trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed.substring(0, trimmed.length() - 2);
        }
        if (trimmed.isEmpty() || trimmed.equals("/")) return new ContainerPath(path, "/", ".", true);
        int slash = trimmed.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : trimmed.substring(0, slash);
        String name = trimmed.substring(slash + 1);
        if (name.equals("..") || name.equals(".")) return new ContainerPath(path, trimmed, ".", true);
        return new ContainerPath(path, parent, name, follow);
    }

    /** The whole path to resolve when the final component is followed. */
    String full() {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }
}
