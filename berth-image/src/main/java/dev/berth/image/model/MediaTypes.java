package dev.berth.image.model;

import java.util.Set;

/** Media types of the OCI image spec and Docker's registry formats, and what kind each one names. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    /** Deprecated by image-spec 1.1 but still found in the wild. */
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

    public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_TAR_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_FOREIGN_LAYER_TAR_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /** How a layer blob is compressed. */
    public enum Compression { NONE, GZIP, ZSTD }

    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST_V2);
    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);
    private static final Set<String> UNCOMPRESSED_LAYERS = Set.of(
            OCI_LAYER_TAR, OCI_LAYER_NONDISTRIBUTABLE_TAR, DOCKER_LAYER_TAR);
    private static final Set<String> GZIP_LAYERS = Set.of(
            OCI_LAYER_TAR_GZIP, OCI_LAYER_NONDISTRIBUTABLE_TAR_GZIP, DOCKER_LAYER_TAR_GZIP, DOCKER_FOREIGN_LAYER_TAR_GZIP);
    private static final Set<String> ZSTD_LAYERS = Set.of(OCI_LAYER_TAR_ZSTD, OCI_LAYER_NONDISTRIBUTABLE_TAR_ZSTD);

    private MediaTypes() {}

    /** A single-platform image manifest (OCI or Docker schema 2). */
    public static boolean isManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }

    /** A multi-platform index (OCI index or Docker manifest list). */
    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    public static boolean isConfig(String mediaType) {
        return CONFIGS.contains(mediaType);
    }

    public static boolean isLayer(String mediaType) {
        return UNCOMPRESSED_LAYERS.contains(mediaType) || GZIP_LAYERS.contains(mediaType) || ZSTD_LAYERS.contains(mediaType);
    }

    public static boolean isDockerSchema1(String mediaType) {
        return DOCKER_MANIFEST_V1.equals(mediaType) || DOCKER_MANIFEST_V1_SIGNED.equals(mediaType);
    }

    /** The compression of a layer media type; IllegalArgumentException if it is not a layer type. */
    public static Compression compression(String layerMediaType) {
        if (UNCOMPRESSED_LAYERS.contains(layerMediaType)) return Compression.NONE;
        if (GZIP_LAYERS.contains(layerMediaType)) return Compression.GZIP;
        if (ZSTD_LAYERS.contains(layerMediaType)) return Compression.ZSTD;
        throw new IllegalArgumentException("not a layer media type: " + layerMediaType);
    }
}
