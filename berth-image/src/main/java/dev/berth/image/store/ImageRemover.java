package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.ref.ImageIds;
import dev.berth.image.ref.Reference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker rmi}, following moby's daemon/images/image_delete.go rule for rule.
 *
 * <p><b>Given a reference</b> (anything that is not a prefix of the image ID):
 * <ol>
 *   <li>Unless forced, if this is the image's only reference (all references in one repository
 *       with at most one tag) and a container uses the image: CONFLICT
 *       {@code conflict: unable to remove repository reference "x" (must force) - container <c> is
 *       using its referenced image <i>}.</li>
 *   <li>The reference is removed ({@code Untagged: x}). If it was a tag and no other tag of the same
 *       repository remains, that repository's digest references go too.</li>
 *   <li>If other references remain, that is all. Otherwise the image is deleted quietly: a conflict
 *       then only stops the deletion (the image stays, untagged) unless the image is dangling and
 *       not used by a container, in which case it is reported.</li>
 * </ol>
 * <p><b>Given an ID or ID prefix:</b> if the image has a single reference (as above) its references
 * are removed first, after checking hard conflicts and, unless forced, stopped containers.
 * Then the image is deleted unless there is a conflict:
 * <ul>
 *   <li>hard (never forced): {@code image has dependent child images},
 *       {@code image is being used by running container <c>};</li>
 *   <li>soft (ignored with force): {@code image is referenced in multiple repositories},
 *       {@code image is being used by stopped container <c>}.</li>
 * </ul>
 * each reported as {@code conflict: unable to delete <id> (cannot be forced|must be forced) - <why>}.
 * With {@code prune}, the parent chain of a deleted image is deleted too while it has no
 * references, children or users (quietly). Deleting an image record does not delete blobs:
 * {@link ImageStore#gc()} does.
 *
 * <p>Write order (crash safety): references are removed first, then the image record; a crash in
 * between leaves a dangling image, which is a consistent state.
 */
final class ImageRemover {
    private enum Conflict { DEPENDENT_CHILD, RUNNING_CONTAINER, ACTIVE_REFERENCE, STOPPED_CONTAINER }

    private static final Set<Conflict> HARD = Set.of(Conflict.DEPENDENT_CHILD, Conflict.RUNNING_CONTAINER);
    private static final Set<Conflict> SOFT = Set.of(Conflict.ACTIVE_REFERENCE, Conflict.STOPPED_CONTAINER);

    private record DeleteConflict(Digest id, boolean hard, boolean used, String message) {
        BerthException error() {
            return BerthException.conflict("conflict: unable to delete %s (%s) - %s",
                    ImageIds.truncate(id.toString()), hard ? "cannot be forced" : "must be forced", message);
        }
    }

    private final StoreState state;
    private final ImageUsers users;
    private final List<DeleteResponse> records = new ArrayList<>();

    private ImageRemover(StoreState state, ImageUsers users) {
        this.state = state;
        this.users = users;
    }

    static List<DeleteResponse> remove(StoreState state, ImageRecord image, String imageRef,
                                       boolean force, boolean prune, ImageUsers users) {
        ImageRemover r = new ImageRemover(state, users);
        r.run(image.id(), imageRef, force, prune);
        return List.copyOf(r.records);
    }

    private void run(Digest id, String imageRef, boolean force, boolean prune) {
        List<Reference> repoRefs = state.referencesTo(id);
        boolean removedRepositoryRef = false;
        if (!isImageIdPrefix(id, imageRef)) {
            if (!force && isSingleReference(repoRefs)) {
                Optional<ImageUser> user = users.usersOf(id).stream().findFirst();
                if (user.isPresent()) {
                    throw BerthException.conflict(
                            "conflict: unable to remove repository reference \"%s\" (must force) - container %s is using its referenced image %s",
                            imageRef, ImageIds.truncate(user.get().containerId()), ImageIds.truncate(id.toString()));
                }
            }
            Reference parsed = removeReference(Reference.parseNormalized(imageRef));
            repoRefs = state.referencesTo(id);
            if (!parsed.isDigested()) {
                boolean otherTagInRepo = repoRefs.stream()
                        .anyMatch(r -> !r.isDigested() && r.name().equals(parsed.name()));
                if (!otherTagInRepo) {
                    List<Reference> remaining = new ArrayList<>();
                    for (Reference r : repoRefs) {
                        if (r.isDigested() && r.name().equals(parsed.name())) removeReference(r);
                        else remaining.add(r);
                    }
                    repoRefs = remaining;
                }
            }
            if (!repoRefs.isEmpty()) return;
            removedRepositoryRef = true;
        } else if (isSingleReference(repoRefs)) {
            Set<Conflict> mask = new HashSet<>(HARD);
            if (!force) mask.add(Conflict.STOPPED_CONTAINER);
            Optional<DeleteConflict> c = conflict(id, mask);
            if (c.isPresent()) throw c.get().error();
            for (Reference r : repoRefs) removeReference(r);
        }
        deleteImage(id, force, prune, removedRepositoryRef);
    }

    private void deleteImage(Digest id, boolean force, boolean prune, boolean quiet) {
        Set<Conflict> mask = new HashSet<>(HARD);
        if (!force) mask.addAll(SOFT);
        Optional<DeleteConflict> c = conflict(id, mask);
        if (c.isPresent()) {
            if (quiet && (!isDangling(id) || c.get().used())) return;
            throw c.get().error();
        }
        Digest parent = state.record(id).map(ImageRecord::parent).orElse(null);
        for (Reference r : state.referencesTo(id)) removeReference(r);
        state.deleteRecord(id);
        records.add(DeleteResponse.deleted(id.toString()));
        if (prune && parent != null && state.record(parent).isPresent()) deleteImage(parent, false, true, true);
    }

    private Optional<DeleteConflict> conflict(Digest id, Set<Conflict> mask) {
        if (mask.contains(Conflict.DEPENDENT_CHILD) && !state.children(id).isEmpty()) {
            return Optional.of(new DeleteConflict(id, true, false, "image has dependent child images"));
        }
        List<ImageUser> using = users.usersOf(id);
        if (mask.contains(Conflict.RUNNING_CONTAINER)) {
            Optional<ImageUser> running = using.stream().filter(ImageUser::running).findFirst();
            if (running.isPresent()) {
                return Optional.of(new DeleteConflict(id, true, true,
                        "image is being used by running container " + ImageIds.truncate(running.get().containerId())));
            }
        }
        if (mask.contains(Conflict.ACTIVE_REFERENCE) && !state.referencesTo(id).isEmpty()) {
            return Optional.of(new DeleteConflict(id, false, false, "image is referenced in multiple repositories"));
        }
        if (mask.contains(Conflict.STOPPED_CONTAINER)) {
            Optional<ImageUser> stopped = using.stream().filter(u -> !u.running()).findFirst();
            if (stopped.isPresent()) {
                return Optional.of(new DeleteConflict(id, false, true,
                        "image is being used by stopped container " + ImageIds.truncate(stopped.get().containerId())));
            }
        }
        return Optional.empty();
    }

    private boolean isDangling(Digest id) {
        return state.referencesTo(id).isEmpty() && state.children(id).isEmpty();
    }

    /** Removes a reference as Docker does (digest wins over tag, default tag added) and records it. */
    private Reference removeReference(Reference ref) {
        Reference stored = ref.dockerRef();
        state.removeReference(stored);
        records.add(DeleteResponse.untagged(stored.familiarString()));
        return stored;
    }

    /** True when all references are in one repository and at most one of them is a tag; false for none. */
    static boolean isSingleReference(List<Reference> refs) {
        if (refs.size() <= 1) return refs.size() == 1;
        Reference single = null;
        Set<String> canonicalNames = new HashSet<>();
        for (Reference r : refs) {
            if (r.isDigested()) canonicalNames.add(r.name());
            else if (single == null) single = r;
            else return false;
        }
        if (single == null) single = refs.get(0);
        return canonicalNames.size() == 1 && canonicalNames.contains(single.name());
    }

    static boolean isImageIdPrefix(Digest id, String possiblePrefix) {
        return id.toString().startsWith(possiblePrefix) || id.encoded().startsWith(possiblePrefix);
    }
}
