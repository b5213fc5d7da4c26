package dev.berth.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "b".repeat(64);
    static final String D3 = "sha256:" + "c".repeat(64);

    private static Manifest read(String json) {
        return ImageJson.readManifest(json.getBytes(StandardCharsets.UTF_8), "manifest test");
    }

    @Test
    void readsDockerSchema2Manifest() {
        Manifest m = read("""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1457,"digest":"%s"},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":772788,"digest":"%s"}]}
            """.formatted(D1, D2));
        ImageManifest im = assertInstanceOf(ImageManifest.class, m);
        assertEquals(MediaTypes.DOCKER_MANIFEST_V2, im.mediaType());
        assertEquals(Digest.parse(D1), im.config().digest());
        assertEquals(1457, im.config().size());
        assertEquals(MediaTypes.Compression.GZIP, MediaTypes.compression(im.layers().get(0).mediaType()));
        assertEquals(List.of(Digest.parse(D1), Digest.parse(D2)), im.references().stream().map(Descriptor::digest).toList());
    }

    @Test
    void readsOciManifestWithoutMediaTypeAndWithAnnotations() {
        Manifest m = read("""
            {"schemaVersion":2,
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":7,"digest":"%s"},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","size":9,"digest":"%s",
                        "annotations":{"b":"2","a":"1"},"urls":["https://example.com/l"]}],
             "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"},"someFutureField":[1]}
            """.formatted(D1, D2));
        ImageManifest im = assertInstanceOf(ImageManifest.class, m);
        assertNull(im.mediaType());
        assertEquals(List.of("b", "a"), List.copyOf(im.layers().get(0).annotations().keySet()), "order kept");
        assertEquals(List.of("https://example.com/l"), im.layers().get(0).urls());
        assertEquals(MediaTypes.Compression.ZSTD, MediaTypes.compression(im.layers().get(0).mediaType()));
        assertEquals("2024-01-01T00:00:00Z", im.annotations().get("org.opencontainers.image.created"));
    }

    @Test
    void readsIndexAndManifestListWithPlatforms() {
        String entries = """
            [{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,"digest":"%s",
              "platform":{"architecture":"arm64","os":"linux","variant":"v8","os.version":"1","os.features":["x"]}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":2,"digest":"%s",
              "platform":{"architecture":"amd64","os":"linux"}}]""".formatted(D1, D2);
        ImageIndex oci = assertInstanceOf(ImageIndex.class, read("{\"schemaVersion\":2,\"manifests\":" + entries + "}"));
        assertEquals(2, oci.manifests().size());
        Platform p = oci.manifests().get(0).platform();
        assertEquals("arm64", p.architecture());
        assertEquals("v8", p.variant());
        assertEquals("1", p.osVersion());
        assertEquals(List.of("x"), p.osFeatures());
        ImageIndex list = assertInstanceOf(ImageIndex.class, read(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":"
                        + entries + "}"));
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, list.mediaType());
    }

    @Test
    void writesDocumentsExactly() {
        ImageManifest m = ImageManifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, Digest.parse(D1), 10),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.parse(D2), 20)
                        .withAnnotations(Map.of("k", "v"))));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1 + "\",\"size\":10},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D2
                + "\",\"size\":20,\"annotations\":{\"k\":\"v\"}}]}",
                new String(ImageJson.write(m), StandardCharsets.UTF_8));
        ImageIndex i = ImageIndex.dockerList(List.of(
                Descriptor.of(MediaTypes.DOCKER_MANIFEST_V2, Digest.parse(D3), 5).withPlatform(Platform.of("linux", "amd64", null))));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + D3
                + "\",\"size\":5,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}",
                new String(ImageJson.write(i), StandardCharsets.UTF_8));
        assertEquals(m, ImageJson.readManifest(ImageJson.write(m), "m"));
        assertEquals(i, ImageJson.readManifest(ImageJson.write(i), "i"));
    }

    @Test
    void rejectsWhatCannotBeUsed() {
        BerthException e = assertThrows(BerthException.class, () -> read(
                "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}"));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
        e = assertThrows(BerthException.class, () -> read(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+prettyjws\"}"));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        e = assertThrows(BerthException.class, () -> read("{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}"));
        assertEquals("manifest test: unsupported manifest media type text/plain", e.getMessage());
        e = assertThrows(BerthException.class, () -> read(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"));
        assertEquals("manifest test: manifest has no config", e.getMessage());
        e = assertThrows(BerthException.class, () -> read("{\"schemaVersion\":2}"));
        assertEquals("manifest test: cannot tell whether it is a manifest or an index", e.getMessage());
        e = assertThrows(BerthException.class, () -> read("{\"schemaVersion\":3,\"manifests\":[]}"));
        assertEquals("manifest test: unsupported manifest schemaVersion 3", e.getMessage());
        e = assertThrows(BerthException.class, () -> read("[1,2]"));
        assertEquals("manifest test: not a JSON object", e.getMessage());
        e = assertThrows(BerthException.class, () -> read(
                "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:zz\",\"size\":1}]}"));
        assertTrue(e.getMessage().startsWith("manifest test: malformed manifest"), e.getMessage());
    }

    @Test
    void classifiesMediaTypes() {
        assertTrue(MediaTypes.isManifest(MediaTypes.OCI_MANIFEST));
        assertTrue(MediaTypes.isManifest(MediaTypes.DOCKER_MANIFEST_V2));
        assertTrue(MediaTypes.isIndex(MediaTypes.OCI_INDEX));
        assertTrue(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST));
        assertTrue(MediaTypes.isConfig(MediaTypes.DOCKER_CONFIG));
        assertTrue(MediaTypes.isLayer(MediaTypes.DOCKER_FOREIGN_LAYER_TAR_GZIP));
        assertEquals(MediaTypes.Compression.NONE, MediaTypes.compression(MediaTypes.OCI_LAYER_TAR));
        assertEquals(MediaTypes.Compression.GZIP, MediaTypes.compression(MediaTypes.DOCKER_LAYER_TAR_GZIP));
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.compression(MediaTypes.OCI_CONFIG));
    }
}
