package dev.berth.archive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WhiteoutsTest {

    @Test
    void classifiesNames() {
        assertEquals(Whiteouts.Kind.OPAQUE, Whiteouts.kindOf(".wh..wh..opq"));
        assertEquals(Whiteouts.Kind.WHITEOUT, Whiteouts.kindOf(".wh.passwd"));
        assertEquals(Whiteouts.Kind.WHITEOUT, Whiteouts.kindOf(".wh..hidden"));
        assertEquals(Whiteouts.Kind.NONE, Whiteouts.kindOf("passwd"));
        assertEquals(Whiteouts.Kind.NONE, Whiteouts.kindOf(".wh"));
        assertEquals(Whiteouts.Kind.NONE, Whiteouts.kindOf("x.wh.y"));
    }

    @Test
    void mapsBothWays() throws Exception {
        assertEquals("passwd", Whiteouts.hiddenName(".wh.passwd"));
        assertEquals(".hidden", Whiteouts.hiddenName(".wh..hidden"));
        assertEquals(".wh.passwd", Whiteouts.whiteoutName("passwd"));
        assertEquals("x", Whiteouts.hiddenName(Whiteouts.whiteoutName("x")));
    }

    @Test
    void refusesWhiteoutsOfNothingOrParents() {
        assertThrows(TarPaths.InvalidNameException.class, () -> Whiteouts.hiddenName(".wh."));
        assertThrows(TarPaths.InvalidNameException.class, () -> Whiteouts.hiddenName(".wh.."));
        assertThrows(TarPaths.InvalidNameException.class, () -> Whiteouts.hiddenName(".wh..."));
    }

    @Test
    void recognisesAufsMetadataAndOverlayState() {
        assertTrue(Whiteouts.isAufsMetadata(".wh..wh.plnk/123.456"));
        assertTrue(Whiteouts.isAufsMetadata(".wh..wh.aufs"));
        assertFalse(Whiteouts.isAufsMetadata(".wh..wh..opq"));
        assertFalse(Whiteouts.isAufsMetadata("a/.wh..wh.plnk"));
        assertTrue(Whiteouts.isOverlayXattr("trusted.overlay.opaque"));
        assertTrue(Whiteouts.isOverlayXattr("trusted.overlay.redirect"));
        assertFalse(Whiteouts.isOverlayXattr("trusted.other"));
        assertTrue(Whiteouts.isOpaqueValue(new byte[] {'y'}));
        assertFalse(Whiteouts.isOpaqueValue(new byte[] {'n'}));
        assertFalse(Whiteouts.isOpaqueValue(null));
    }
}
