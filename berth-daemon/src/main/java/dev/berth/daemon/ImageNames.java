package dev.berth.daemon;

/** How Docker prints a reference in "No such image: busybox:latest": the given name, with :latest when untagged. */
final class ImageNames {
    private ImageNames() {}

    static String withLatest(String ref) {
        if (ref.startsWith("sha256:") || ref.matches("[0-9a-f]{12,64}") || ref.contains("@")) return ref;
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
    }
}
