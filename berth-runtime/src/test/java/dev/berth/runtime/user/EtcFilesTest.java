package dev.berth.runtime.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.runtime.user.EtcFiles.GroupEntry;
import dev.berth.runtime.user.EtcFiles.PasswdEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcFilesTest {
    @Test
    void passwdFieldsAreNameUidGidAndHome() {
        assertEquals(List.of(new PasswdEntry("root", 0, 0, "/root"), new PasswdEntry("app", 1000, 100, "/home/app")),
                EtcFiles.parsePasswd("root:x:0:0:root:/root:/bin/sh\napp:x:1000:100:App,,,:/home/app:/bin/bash\n"));
    }

    @Test
    void blanksCommentsAndCarriageReturnsAreSkipped() {
        assertEquals(List.of(new PasswdEntry("a", 1, 2, "/h"), new PasswdEntry("b", 3, 4, "/i")),
                EtcFiles.parsePasswd("\n   \n# a comment\n  a:x:1:2::/h:/bin/sh  \r\nb:x:3:4::/i:\r\n"));
    }

    @Test
    void shortLinesAndBadNumbersFallBackToZeroAndEmpty() {
        assertEquals(List.of(new PasswdEntry("short", 0, 0, ""), new PasswdEntry("bad", 0, 7, "")),
                EtcFiles.parsePasswd("short\nbad:x:abc:7\n"));
    }

    @Test
    void groupMembersAreACommaList() {
        assertEquals(List.of(new GroupEntry("root", 0, List.of()), new GroupEntry("audio", 29, List.of("app", "www-data")),
                        new GroupEntry("odd", 0, List.of())),
                EtcFiles.parseGroup("root:x:0:\naudio:x:29:app,www-data\n#hidden:x:5:app\nodd\n"));
    }
}
