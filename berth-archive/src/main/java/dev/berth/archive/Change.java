package dev.berth.archive;

/**
 * One line of {@code docker diff}: a path (absolute, "/etc/hosts") that a layer added, modified or
 * deleted relative to the layers below it.
 */
public record Change(Kind kind, String path) {
    /** The kinds, with the numbers Docker's API uses for them ({@link #apiValue()}). */
    public enum Kind {
        MODIFIED("C", 0), ADDED("A", 1), DELETED("D", 2);

        private final String letter;
        private final int apiValue;

        Kind(String letter, int apiValue) {
            this.letter = letter;
            this.apiValue = apiValue;
        }

        /** "A", "C" or "D", as docker diff prints it. */
        public String letter() {
            return letter;
        }

        /** The "Kind" number of GET /containers/{id}/changes. */
        public int apiValue() {
            return apiValue;
        }
    }

    /** "A /path", as docker diff prints it. */
    @Override
    public String toString() {
        return kind.letter() + " " + path;
    }
}
