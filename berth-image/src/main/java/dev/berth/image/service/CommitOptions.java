package dev.berth.image.service;

import dev.berth.image.model.ImageConfig;
import java.util.List;

/**
 * {@code docker commit}'s options (POST /commit).
 *
 * @param ref     "repo[:tag]" to tag the new image with, or null for none
 * @param author  the image's author ("" or null for none)
 * @param comment the commit message, recorded in the image's history
 * @param changes Dockerfile instructions to apply (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD,
 *                STOPSIGNAL, USER, VOLUME, WORKDIR)
 * @param pause   accepted and ignored: Berth reads the container's layer without pausing it
 * @param config  the config given in the request body, or null to start from the container's
 */
public record CommitOptions(String ref, String author, String comment, List<String> changes, boolean pause,
                            ImageConfig.Config config) {
    public CommitOptions {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static CommitOptions of(String ref) {
        return new CommitOptions(ref, null, null, List.of(), true, null);
    }

    public CommitOptions withChanges(List<String> c) {
        return new CommitOptions(ref, author, comment, c, pause, config);
    }

    public CommitOptions withMessage(String author, String comment) {
        return new CommitOptions(ref, author, comment, changes, pause, config);
    }
}
