package dev.berth.image.ref;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import java.util.Objects;

/**
 * An image reference {@code [domain/]path[:tag][@digest]}, parsed and normalised exactly as
 * Docker's distribution/reference does.
 *
 * <ul>
 *   <li>{@link #parseNormalized} is {@code ParseNormalizedNamed}: {@code busybox} becomes
 *       {@code docker.io/library/busybox}, {@code user/repo} becomes {@code docker.io/user/repo},
 *       and the first component is a registry domain only if it contains '.' or ':', is
 *       {@code localhost}, or has an uppercase letter.</li>
 *   <li>{@link #parse} is the plain {@code Parse}: no defaults added ({@code domain} may be "").</li>
 * </ul>
 * Errors are INVALID_ARGUMENT with Docker's exact texts, e.g. "invalid reference format",
 * "invalid reference format: repository name (library/Busybox) must be lowercase",
 * "repository name must not be more than 255 characters".
 *
 * @param domain registry host[:port], "" only for references from {@link #parse}
 * @param path the repository path, e.g. {@code library/busybox}
 * @param tag the tag or null
 * @param digest the digest or null
 */
public record Reference(String domain, String path, String tag, Digest digest) implements AnyReference {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    public static final String OFFICIAL_REPO_PREFIX = "library/";
    public static final String DEFAULT_TAG = "latest";
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    public Reference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
    }

    /** Docker's {@code ParseNormalizedNamed}: a familiar or full name, normalised. */
    public static Reference parseNormalized(String s) {
        return ReferenceParser.parseNormalized(s);
    }

    /** Docker's {@code Parse}: the reference as written, without defaults. */
    public static Reference parse(String s) {
        return ReferenceParser.parse(s);
    }

    /** Docker's {@code ParseDockerRef}: normalised; digest wins over tag; "latest" if neither. */
    public static Reference parseDockerRef(String s) {
        return parseNormalized(s).dockerRef();
    }

    /** {@code domain/path}, or just {@code path} when there is no domain. */
    public String name() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    public boolean isTagged() {
        return tag != null;
    }

    public boolean isDigested() {
        return digest != null;
    }

    /** True when there is neither tag nor digest. */
    public boolean isNameOnly() {
        return tag == null && digest == null;
    }

    /** Docker's {@code TagNameOnly}: adds ":latest" when there is neither tag nor digest. */
    public Reference withDefaultTag() {
        return isNameOnly() ? new Reference(domain, path, DEFAULT_TAG, null) : this;
    }

    /** The reference Docker stores: {@code name@digest} if digested (tag dropped), else tagged (default "latest"). */
    public Reference dockerRef() {
        if (digest != null) return new Reference(domain, path, null, digest);
        return withDefaultTag();
    }

    public Reference withTag(String newTag) {
        if (newTag == null || !ReferenceGrammar.ANCHORED_TAG.matcher(newTag).matches()) {
            throw BerthException.invalid("invalid tag format");
        }
        return new Reference(domain, path, newTag, digest);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, tag, Objects.requireNonNull(newDigest, "digest"));
    }

    /** The repository alone, without tag or digest. */
    public Reference nameOnly() {
        return new Reference(domain, path, null, null);
    }

    /** Docker's {@code FamiliarName}: {@code busybox}, {@code user/repo}, {@code localhost:5000/x}. */
    public String familiarName() {
        if (!DEFAULT_DOMAIN.equals(domain)) return name();
        if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
            String rest = path.substring(OFFICIAL_REPO_PREFIX.length());
            if (rest.indexOf('/') < 0) return rest;
        }
        return path;
    }

    /** Docker's {@code FamiliarString}: the familiar name with tag and digest, as {@code docker images} prints it. */
    public String familiarString() {
        return familiarName() + suffix();
    }

    /** The full reference, e.g. {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
