package dev.berth.image.store;

/** One line of {@code docker rmi} output: exactly one of the fields is set (Docker's DeleteResponse). */
public record DeleteResponse(String untagged, String deleted) {
    public static DeleteResponse untagged(String ref) {
        return new DeleteResponse(ref, null);
    }

    public static DeleteResponse deleted(String id) {
        return new DeleteResponse(null, id);
    }

    @Override
    public String toString() {
        return untagged != null ? "Untagged: " + untagged : "Deleted: " + deleted;
    }
}
