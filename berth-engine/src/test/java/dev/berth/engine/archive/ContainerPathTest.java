package dev.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class ContainerPathTest {
    @Test
    void splitsParentAndFinalName() {
        assertEquals(new ContainerPath("/tmp/evil/passwd", "/tmp/evil", "passwd", false), ContainerPath.parse("/tmp/evil/passwd"));
        assertEquals(new ContainerPath("etc", "/", "etc", false), ContainerPath.parse("etc"));
    }

    @Test
    void aTrailingSlashOrDotFollowsTheFinalSymlink() {
        assertEquals(new ContainerPath("/tmp/evil/", "/tmp", "evil", true), ContainerPath.parse("/tmp/evil/"));
        assertEquals(new ContainerPath("/tmp/evil/.", "/tmp", "evil", true), ContainerPath.parse("/tmp/evil/."));
        assertEquals(new ContainerPath("/", "/", ".", true), ContainerPath.parse("/"));
        assertEquals("/tmp/evil", ContainerPath.parse("/tmp/evil/").full());
    }

    @Test
    void dotDotIsResolvedInsideTheRootNotHere() {
        ContainerPath p = ContainerPath.parse("/tmp/..");
        assertEquals(".", p.name());
        assertEquals(true, p.followFinal());
    }

    @Test
    void emptyIsRefused() {
        assertThrows(BerthException.class, () -> ContainerPath.parse(""));
    }
}
