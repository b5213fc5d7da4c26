package dev.berth.image.ref;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from distribution/reference's reference_test.go and normalize_test.go, plus Docker CLI cases. */
class ReferenceTest {
    static final String F64 = "f".repeat(64);
    static final String DGST = "sha256:" + F64;

    private static void assertInvalid(String input, String message) {
        BerthException e = assertThrows(BerthException.class, () -> Reference.parseNormalized(input), input);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals(message, e.getMessage(), input);
    }

    // --- Parse (no normalisation): input | domain | name | tag | digest ---
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "test_com||test_com|-|-",
        "test.com:tag||test.com|tag|-",
        "test.com:5000||test.com|5000|-",
        "test.com/repo:tag|test.com|test.com/repo|tag|-",
        "test:5000/repo|test:5000|test:5000/repo|-|-",
        "test:5000/repo:tag|test:5000|test:5000/repo|tag|-",
        "test:5000/repo@" + "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|test:5000|test:5000/repo|-|sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "test:5000/repo:tag@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|test:5000|test:5000/repo|tag|sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "lowercase:Uppercase||lowercase|Uppercase|-",
        "sub-dom1.foo.com/bar/baz/quux|sub-dom1.foo.com|sub-dom1.foo.com/bar/baz/quux|-|-",
        "sub-dom1.foo.com/bar/baz/quux:some-long-tag|sub-dom1.foo.com|sub-dom1.foo.com/bar/baz/quux|some-long-tag|-",
        "b.gcr.io/test.example.com/my-app:test.example.com|b.gcr.io|b.gcr.io/test.example.com/my-app|test.example.com|-",
        "xn--n3h.com/myimage:xn--n3h.com|xn--n3h.com|xn--n3h.com/myimage|xn--n3h.com|-",
        "foo_bar.com:8080||foo_bar.com|8080|-",
        "foo/foo_bar.com:8080|foo|foo/foo_bar.com|8080|-",
        "192.168.1.1||192.168.1.1|-|-",
        "192.168.1.1:5000||192.168.1.1|5000|-",
        "192.168.1.1/repo|192.168.1.1|192.168.1.1/repo|-|-",
        "192.168.1.1:5000/repo:5050|192.168.1.1:5000|192.168.1.1:5000/repo|5050|-",
        "[2001:db8::1]/repo|[2001:db8::1]|[2001:db8::1]/repo|-|-",
        "[2001:db8:1:2:3:4:5:6]/repo:tag|[2001:db8:1:2:3:4:5:6]|[2001:db8:1:2:3:4:5:6]/repo|tag|-",
        "[2001:db8::1]:5000/repo:tag|[2001:db8::1]:5000|[2001:db8::1]:5000/repo|tag|-",
        "[::1]:5000/repo|[::1]:5000|[::1]:5000/repo|-|-",
    })
    void parsesAsWritten(String input, String domain, String name, String tag, String digest) {
        Reference r = Reference.parse(input);
        assertAll(
                () -> assertEquals(domain == null ? "" : domain, r.domain()),
                () -> assertEquals(name, r.name()),
                () -> assertEquals(tag, r.tag()),
                () -> assertEquals(digest, r.digest() == null ? null : r.digest().toString()),
                () -> assertEquals(input, r.toString()));
    }

    @Test
    void parseLengthLimitsApplyToThePath() {
        Reference r = Reference.parse("a/".repeat(127) + "a:tag-puts-this-over-max");
        assertEquals("a", r.domain());
        assertEquals("tag-puts-this-over-max", r.tag());
        Reference ok = Reference.parse("example.com/" + "a".repeat(255) + ":tag");
        assertEquals(255, ok.path().length());
        BerthException e = assertThrows(BerthException.class, () -> Reference.parse("domain/" + "a".repeat(256) + ":tag"));
        assertEquals("repository name must not be more than 255 characters", e.getMessage());
    }

    // --- Parse errors: input | message ---
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":justtag|invalid reference format",
        "@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|invalid reference format",
        "repo@sha256:ffffffffffffffffffffffffffffffffff|invalid checksum digest length",
        "validname@invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|unsupported digest algorithm",
        "validname@sha512:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|unsupported digest algorithm",
        "Uppercase:tag|repository name must be lowercase",
        "test:5000/Uppercase/lowercase:tag|repository name must be lowercase",
        "aa/asdf$$^/aa|invalid reference format",
        "[2001:db8::1]|invalid reference format",
        "[2001:db8::1]:5000|invalid reference format",
        "[2001:db8::1]:tag|invalid reference format",
        "[fe80::1%eth0]:5000/repo|invalid reference format",
        "[fe80::1%@invalidzone]:5000/repo|invalid reference format",
    })
    void parseRejects(String input, String message) {
        BerthException e = assertThrows(BerthException.class, () -> Reference.parse(input));
        assertEquals(message, e.getMessage());
    }

    @Test
    void emptyNameHasItsOwnMessage() {
        assertEquals("repository name must have at least one component",
                assertThrows(BerthException.class, () -> Reference.parse("")).getMessage());
    }

    // --- ParseNormalizedNamed: input | full name | familiar name | domain | path ---
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox|docker.io/library/busybox|busybox|docker.io|library/busybox",
        "library/busybox|docker.io/library/busybox|busybox|docker.io|library/busybox",
        "docker.io/busybox|docker.io/library/busybox|busybox|docker.io|library/busybox",
        "index.docker.io/library/debian|docker.io/library/debian|debian|docker.io|library/debian",
        "index.docker.io/fooo/bar|docker.io/fooo/bar|fooo/bar|docker.io|fooo/bar",
        "user/repo|docker.io/user/repo|user/repo|docker.io|user/repo",
        "library/foo/bar|docker.io/library/foo/bar|library/foo/bar|docker.io|library/foo/bar",
        "store/foo/bar|docker.io/store/foo/bar|store/foo/bar|docker.io|store/foo/bar",
        "other/library|docker.io/other/library|other/library|docker.io|other/library",
        "localhost/fooo|localhost/fooo|localhost/fooo|localhost|fooo",
        "localhost/fooo/bar|localhost/fooo/bar|localhost/fooo/bar|localhost|fooo/bar",
        "localhost:5000/x|localhost:5000/x|localhost:5000/x|localhost:5000|x",
        "LOCALDOMAIN/fooo|LOCALDOMAIN/fooo|LOCALDOMAIN/fooo|LOCALDOMAIN|fooo",
        "Foo/bar|Foo/bar|Foo/bar|Foo|bar",
        "FOO/bar|FOO/bar|FOO/bar|FOO|bar",
        "127.0.0.1:8000/private/moonbase|127.0.0.1:8000/private/moonbase|127.0.0.1:8000/private/moonbase|127.0.0.1:8000|private/moonbase",
        "example.com:8000/privatebasee|example.com:8000/privatebasee|example.com:8000/privatebasee|example.com:8000|privatebasee",
        "ubuntu-12.04-base|docker.io/library/ubuntu-12.04-base|ubuntu-12.04-base|docker.io|library/ubuntu-12.04-base",
        "192.168.0.1|docker.io/library/192.168.0.1|192.168.0.1|docker.io|library/192.168.0.1",
        "[fc00::1]:5000/docker/docker|[fc00::1]:5000/docker/docker|[fc00::1]:5000/docker/docker|[fc00::1]:5000|docker/docker",
        "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a|docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a|1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a|docker.io|library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
        "d/docker|docker.io/d/docker|d/docker|docker.io|d/docker",
        "docker---rules/docker|docker.io/docker---rules/docker|docker---rules/docker|docker.io|docker---rules/docker",
        "dock__er/docker|docker.io/dock__er/docker|dock__er/docker|docker.io|dock__er/docker",
    })
    void normalises(String input, String full, String familiar, String domain, String path) {
        Reference r = Reference.parseNormalized(input);
        assertAll(
                () -> assertEquals(full, r.name()),
                () -> assertEquals(full, r.toString()),
                () -> assertEquals(familiar, r.familiarName()),
                () -> assertEquals(domain, r.domain()),
                () -> assertEquals(path, r.path()),
                () -> assertTrue(r.isNameOnly()));
    }

    // --- with tags/digests: input | full | familiar string ---
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox:latest|docker.io/library/busybox:latest|busybox:latest",
        "busybox:1.36.1-musl|docker.io/library/busybox:1.36.1-musl|busybox:1.36.1-musl",
        "user/repo:tag|docker.io/user/repo:tag|user/repo:tag",
        "localhost:5000/x:tag|localhost:5000/x:tag|localhost:5000/x:tag",
        "host:5000/path/repo:v1|host:5000/path/repo:v1|host:5000/path/repo:v1",
        "localhost/x|localhost/x|localhost/x",
        "redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c|docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c|redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
        "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa|docker.io/library/busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa|busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
        "dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c|docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c|dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
    })
    void normalisesTaggedAndDigested(String input, String full, String familiar) {
        Reference r = Reference.parseNormalized(input);
        assertEquals(full, r.toString());
        assertEquals(familiar, r.familiarString());
    }

    // --- ParseDockerRef: input | expected ---
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox|docker.io/library/busybox:latest",
        "busybox:latest|docker.io/library/busybox:latest",
        "busybox@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582|docker.io/library/busybox@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582",
        "library/busybox|docker.io/library/busybox:latest",
        "docker.io/busybox|docker.io/library/busybox:latest",
        "docker.io/library/busybox|docker.io/library/busybox:latest",
        "docker.io/busybox:latest|docker.io/library/busybox:latest",
        "library/busybox:latest|docker.io/library/busybox:latest",
        "gcr.io/library/busybox|gcr.io/library/busybox:latest",
        "gcr.io/library/busybox:latest@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582|gcr.io/library/busybox@sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582",
    })
    void dockerRef(String input, String expected) {
        Reference r = Reference.parseDockerRef(input);
        assertEquals(expected, r.toString());
        assertEquals(r, Reference.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://github.com/docker/docker", "-docker", "-docker/docker", "-docker.io/docker/docker",
        "docker///docker", "docker.io/docker///docker", "[fc00::1]", "[fc00::1]:5000", "fc00::1:5000/debian",
        "[fe80::1%eth0]:5000/debian", "[2001:db8:3:4::192.0.2.33]:5000/debian", "docker-/docker",
        "-docker-/docker", "____/____", "_docker/_docker", "dock..er/docker", "dock_.er/docker",
        "dock-.er/docker", "docker/", "", "busybox:", "busybox@", "busybox:-tag", "busybox:.tag",
        "repo:fo$z$", "repo:Foo@3cc", "repo:..",
    })
    void rejectsAsInvalidReferenceFormat(String input) {
        assertInvalid(input, "invalid reference format");
    }

    @Test
    void dockersLowercaseMessageNamesTheRepository() {
        assertInvalid("Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase");
        assertInvalid("docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase");
        assertInvalid("docker.io/docker/Docker:tag", "invalid reference format: repository name (docker/Docker) must be lowercase");
        assertInvalid("localhost:5000/Foo", "invalid reference format: repository name (Foo) must be lowercase");
    }

    @Test
    void refusesBareHexIds() {
        String id = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";
        assertInvalid(id, "invalid repository name (" + id + "), cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void limitsNameLength() {
        // Upstream's "namespace too long" vector fails earlier, on its trailing '_'.
        String upstream = "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_".repeat(4) + "/docker";
        assertInvalid(upstream, "invalid reference format");
        assertInvalid("this-is-long".repeat(22) + "/docker", "repository name must not be more than 255 characters");
        assertInvalid("a/" + "b".repeat(254), "repository name must not be more than 255 characters");
        assertEquals(255, Reference.parseNormalized("a/" + "b".repeat(253)).path().length());
    }

    @Test
    void digestErrorsAreGoDigests() {
        assertInvalid("busybox@sha256:" + "f".repeat(40), "invalid checksum digest length");
        assertInvalid("busybox@sha256:" + "F".repeat(64), "invalid checksum digest format");
        assertInvalid("busybox@md5:" + "f".repeat(32), "unsupported digest algorithm");
        assertInvalid("busybox@sha256:abc", "invalid reference format");
    }

    @Test
    void tagRules() {
        Reference base = Reference.parseNormalized("busybox");
        assertEquals("busybox:_x.Y-1", base.withTag("_x.Y-1").familiarString());
        assertEquals(128, base.withTag("a".repeat(128)).tag().length());
        assertEquals(128, Reference.parseNormalized("busybox:" + "a".repeat(128)).tag().length());
        assertInvalid("busybox:" + "a".repeat(129), "invalid reference format");
        for (String bad : new String[] {"-foo", ".x", "a".repeat(129), "a b", "", "é"}) {
            assertEquals("invalid tag format", assertThrows(BerthException.class, () -> base.withTag(bad)).getMessage(), bad);
        }
    }

    @Test
    void derivedForms() {
        Reference r = Reference.parseNormalized("busybox:1@" + DGST);
        assertTrue(r.isTagged());
        assertTrue(r.isDigested());
        assertEquals("docker.io/library/busybox@" + DGST, r.dockerRef().toString());
        assertEquals("docker.io/library/busybox", r.nameOnly().toString());
        assertEquals("docker.io/library/busybox:latest", r.nameOnly().withDefaultTag().toString());
        assertEquals(r, r.withDefaultTag(), "a tagged reference keeps its tag");
        Reference d = Reference.parseNormalized("busybox@" + DGST);
        assertNull(d.withDefaultTag().tag(), "a digested reference gets no default tag");
        assertEquals("busybox@" + DGST, d.familiarString());
        assertEquals(d, r.nameOnly().withDigest(Digest.parse(DGST)));
    }

    @Test
    void anyReference() {
        String hex = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
        AnyReference.DigestReference id = assertInstanceOf(AnyReference.DigestReference.class, AnyReference.parse(hex));
        assertEquals("sha256:" + hex, id.digest().toString());
        assertInstanceOf(AnyReference.DigestReference.class, AnyReference.parse("sha256:" + hex));
        Reference named = assertInstanceOf(Reference.class, AnyReference.parse("redis:latest"));
        assertEquals("docker.io/library/redis:latest", named.toString());
        assertInstanceOf(Reference.class, AnyReference.parse("dbcc1c35ac38"), "a short ID parses as a name");
        assertEquals("invalid reference format",
                assertThrows(BerthException.class, () -> AnyReference.parse("a:b:c")).getMessage());
    }

    @Test
    void imageIds() {
        String hex = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
        assertTrue(ImageIds.isFullId(hex));
        assertTrue(ImageIds.isFullId("sha256:" + hex));
        assertFalse(ImageIds.isFullId(hex.substring(1)));
        assertTrue(ImageIds.isShortId("dbcc1c35ac38"));
        assertTrue(ImageIds.isShortId(hex));
        assertFalse(ImageIds.isShortId("dbcc1c35ac3"));
        assertFalse(ImageIds.isShortId("DBCC1C35AC38"));
        assertFalse(ImageIds.isShortId("busybox12345"));
        assertFalse(ImageIds.isShortId(hex + "0"));
        assertTrue(ImageIds.isIdPrefix("d"));
        assertFalse(ImageIds.isIdPrefix(""));
        assertEquals("dbcc1c35ac38", ImageIds.truncate("sha256:" + hex));
        assertEquals("dbcc1c35ac38", ImageIds.truncate(hex));
        assertEquals("abc", ImageIds.truncate("abc"));
        assertEquals(hex, ImageIds.hex("sha256:" + hex));
    }
}
