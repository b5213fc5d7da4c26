package dev.berth.image.ref;

/** Docker's {@code FamiliarMatch}, used by the {@code reference=} image filter. */
public final class ReferenceMatch {
    private ReferenceMatch() {}

    /**
     * True if {@code pattern} ({@link PathGlob} syntax) matches the familiar string of {@code ref}
     * ({@code busybox:latest}) or, failing that, its familiar name ({@code busybox}).
     */
    public static boolean matches(String pattern, Reference ref) {
        PathGlob glob = PathGlob.compile(pattern);
        return glob.matches(ref.familiarString()) || glob.matches(ref.familiarName());
    }
}
