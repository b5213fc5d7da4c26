package dev.berth.image.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's path/match_test.go vectors, and distribution/reference's TestMatch. */
class PathGlobTest {
    @ParameterizedTest
    @CsvSource(delimiter = ' ', quoteCharacter = '"', value = {
        "abc abc true", "* abc true", "*c abc true", "a* a true", "a* abc true", "a* ab/c false",
        "a*/b abc/b true", "a*/b a/c/b false", "a*b*c*d*e*/f axbxcxdxe/f true",
        "a*b*c*d*e*/f axbxcxdxexxx/f true", "a*b*c*d*e*/f axbxcxdxe/xxx/f false",
        "a*b*c*d*e*/f axbxcxdxexxx/fff false", "a*b?c*x abxbbxdbxebxczzx true",
        "a*b?c*x abxbbxdbxebxczzy false", "ab[c] abc true", "ab[b-d] abc true", "ab[e-g] abc false",
        "ab[^c] abc false", "ab[^b-d] abc false", "ab[^e-g] abc true", "a\\*b a*b true", "a\\*b ab false",
        "a?b a☺b true", "a[^a]b a☺b true", "a???b a☺b false", "a[^a][^a][^a]b a☺b false",
        "[a-ζ]* α true", "*[a-ζ] A false", "a?b a/b false", "a*b a/b false", "[\\]a] ] true",
        "[\\-] - true", "[x\\-] x true", "[x\\-] - true", "[x\\-] z false", "[\\-x] x true",
        "[\\-x] - true", "[\\-x] a false", "*x xxx true", "\"\" \"\" true", "* \"\" true", "a \"\" false",
    })
    void matchesLikeGo(String pattern, String name, boolean expected) {
        assertEquals(expected, PathGlob.matches(pattern, name), pattern + " vs " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "a/b["})
    void badPatterns(String pattern) {
        BerthException e = assertThrows(BerthException.class, () -> PathGlob.compile(pattern));
        assertEquals("syntax error in pattern", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "foo foo/**/ba[rz] false", "foo/any/bat foo/**/ba[rz] false", "foo/a/bar foo/**/ba[rz] true",
        "foo/b/baz foo/**/ba[rz] true", "foo/c/baz:tag foo/**/ba[rz] true", "foo/c/baz:tag foo/*/baz:tag true",
        "foo/c/baz:tag foo/c/baz:tag true", "example.com/foo/c/baz:tag */foo/c/baz true",
        "example.com/foo/c/baz:tag example.com/foo/c/baz true",
        "busybox:latest busybox true", "busybox:latest busy* true", "busybox:latest *:latest true",
        "busybox:1.36 busybox:1.* true", "busybox:1.36 library/busybox false", "user/app:v1 user/* true",
    })
    void familiarMatch(String reference, String pattern, boolean expected) {
        assertEquals(expected, ReferenceMatch.matches(pattern, Reference.parseNormalized(reference)));
    }

    @Test
    void familiarMatchRejectsBadPatterns() {
        assertThrows(BerthException.class, () -> ReferenceMatch.matches("[-x]", Reference.parseNormalized("foo")));
        assertTrue(ReferenceMatch.matches("foo", Reference.parseNormalized("foo")));
        assertFalse(ReferenceMatch.matches("fo", Reference.parseNormalized("foo")));
    }
}
