package dev.berth.runtime.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.runtime.user.UserResolver.ExecUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/bin/false
            www-data:x:33:33:www-data:/var/www:/bin/false
            app:x:1000:1000:App:/home/app:/bin/sh
            nohome:x:1001:1001::
            twin:x:2000:2000::/first:/bin/sh
            twin:x:2001:2001::/second:/bin/sh
            nobody:x:65534:65534:nobody:/home:/bin/false
            """;
    static final String GROUP = """
            root:x:0:
            daemon:x:1:
            wheel:x:10:root
            audio:x:29:app,www-data
            video:x:44:app
            app:x:1000:
            # staff:x:50:app
            nogroup:x:65534:
            """;

    @TempDir Path dir;
    Path rootfs;

    @BeforeEach
    void rootfs() throws Exception {
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), PASSWD);
        Files.writeString(rootfs.resolve("etc/group"), GROUP);
    }

    private ExecUser resolve(String spec, String... groups) {
        return UserResolver.resolve(rootfs, spec, List.of(groups));
    }

    private BerthException fails(String spec, String... groups) {
        return assertThrows(BerthException.class, () -> resolve(spec, groups));
    }

    @Test
    void emptySpecIsRootWithRootsGroups() {
        assertEquals(new ExecUser(0, 0, List.of(0, 10), "/root"), resolve(""));
        assertEquals(new ExecUser(0, 0, List.of(0, 10), "/root"), UserResolver.resolve(rootfs, null, null));
    }

    @Test
    void nameGivesPasswdIdsHomeAndMemberships() {
        assertEquals(new ExecUser(1000, 1000, List.of(1000, 29, 44), "/home/app"), resolve("app"));
        assertEquals(new ExecUser(33, 33, List.of(33, 29), "/var/www"), resolve("www-data"));
        assertEquals(new ExecUser(1, 1, List.of(1), "/usr/sbin"), resolve("daemon"));
    }

    @Test
    void numericUidFindsItsEntryToo() {
        assertEquals(new ExecUser(1000, 1000, List.of(1000, 29, 44), "/home/app"), resolve("1000"));
        assertEquals(new ExecUser(0, 0, List.of(0, 10), "/root"), resolve("0"));
    }

    @Test
    void numericUidWithoutEntryIsFine() {
        assertEquals(new ExecUser(4242, 0, List.of(0), "/"), resolve("4242"));
        assertEquals(new ExecUser(4242, 4343, List.of(4343), "/"), resolve("4242:4343"));
        assertEquals(new ExecUser(4242, 29, List.of(29), "/"), resolve("4242:audio"));
    }

    @Test
    void explicitGroupReplacesGidAndDropsMemberships() {
        assertEquals(new ExecUser(1000, 44, List.of(44), "/home/app"), resolve("app:video"));
        assertEquals(new ExecUser(1000, 0, List.of(0), "/home/app"), resolve("app:0"));
        assertEquals(new ExecUser(1000, 29, List.of(29), "/home/app"), resolve("1000:29"));
        assertEquals(new ExecUser(1000, 7777, List.of(7777), "/home/app"), resolve("app:7777"));
    }

    @Test
    void unknownNamesAreNotFoundWithDockersText() {
        BerthException user = fails("nope");
        assertEquals(BerthException.Kind.NOT_FOUND, user.kind());
        assertEquals("unable to find user nope: no matching entries in passwd file", user.getMessage());
        BerthException group = fails("app:nogrp");
        assertEquals(BerthException.Kind.NOT_FOUND, group.kind());
        assertEquals("unable to find group nogrp: no matching entries in group file", group.getMessage());
        // a commented-out line is not an entry
        assertEquals("unable to find group staff: no matching entries in group file", fails("app:staff").getMessage());
        assertEquals("unable to find group staff: no matching entries in group file", fails("app", "staff").getMessage());
    }

    @Test
    void additionalGroupsByNameOrNumberAfterTheUsersOwn() {
        assertEquals(new ExecUser(1000, 1000, List.of(1000, 29, 44, 10, 4000, 0), "/home/app"),
                resolve("app", "wheel", "4000", "audio", "0", "wheel"));
        assertEquals(new ExecUser(4242, 0, List.of(0, 65534), "/"), resolve("4242", "nogroup"));
    }

    @Test
    void firstMatchingEntryWins() {
        assertEquals(new ExecUser(2000, 2000, List.of(2000), "/first"), resolve("twin"));
    }

    @Test
    void emptyHomeIsSlash() {
        assertEquals(new ExecUser(1001, 1001, List.of(1001), "/"), resolve("nohome"));
    }

    @Test
    void idsOutOfRangeAreInvalid() {
        for (String spec : List.of("-1", "2147483648", "app:-5", "0:4294967296")) {
            BerthException e = fails(spec);
            assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), spec);
            assertEquals("uids and gids must be in range 0-2147483647", e.getMessage());
        }
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, fails("app", "-3").kind());
        assertEquals(new ExecUser(2147483647, 0, List.of(0), "/"), resolve("2147483647"));
    }

    @Test
    void withoutEtcFilesOnlyNumbersResolve() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.delete(rootfs.resolve("etc/group"));
        assertEquals(new ExecUser(0, 0, List.of(0), "/"), resolve(""));
        assertEquals(new ExecUser(123, 456, List.of(456, 7), "/"), resolve("123:456", "7"));
        assertEquals("unable to find user app: no matching entries in passwd file", fails("app").getMessage());
        assertEquals("unable to find group wheel: no matching entries in group file", fails("0:wheel").getMessage());
        assertEquals("unable to find group wheel: no matching entries in group file", fails("0", "wheel").getMessage());
    }

    @Test
    void withoutEtcAtAll() throws Exception {
        Path bare = Files.createDirectory(dir.resolve("bare"));
        assertEquals(new ExecUser(5, 6, List.of(6), "/"), UserResolver.resolve(bare, "5:6", List.of()));
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> UserResolver.resolve(bare, "root", List.of())).kind());
    }

    @Test
    void passwdOnlyWithoutGroupFile() throws Exception {
        Files.delete(rootfs.resolve("etc/group"));
        assertEquals(new ExecUser(1000, 1000, List.of(1000), "/home/app"), resolve("app"));
    }

    // --- the rootfs is untrusted ---

    @Test
    void absoluteSymlinkToAHostFileResolvesInsideTheRootfs() throws Exception {
        Path hostSecret = Files.createDirectories(dir.resolve("host/etc")).resolve("shadow");
        Files.writeString(hostSecret, "evil:x:0:0:host secret:/root:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), hostSecret);

        // The host's file must not be read: inside the rootfs the target does not exist.
        BerthException e = fails("evil");
        assertEquals("unable to find user evil: no matching entries in passwd file", e.getMessage());

        // The same absolute path inside the rootfs is what is read.
        Path inside = rootfs.resolve(hostSecret.toString().substring(1));
        Files.createDirectories(inside.getParent());
        Files.writeString(inside, "evil:x:4321:4321::/inside:/bin/sh\n");
        assertEquals(new ExecUser(4321, 4321, List.of(4321), "/inside"), resolve("evil"));
    }

    @Test
    void dotDotSymlinksCannotClimbOutOfTheRootfs() throws Exception {
        Files.writeString(dir.resolve("hostpasswd"), "evil:x:0:0::/root:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        // From rootfs/etc, ../../hostpasswd would be dir/hostpasswd on the host.
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../../../../../../hostpasswd"));
        assertEquals("unable to find user evil: no matching entries in passwd file", fails("evil").getMessage());

        Files.writeString(rootfs.resolve("hostpasswd"), "evil:x:777:778::/clamped:/bin/sh\n");
        assertEquals(new ExecUser(777, 778, List.of(778), "/clamped"), resolve("evil"));
    }

    @Test
    void symlinkedEtcDirectoryResolvesInsideTheRootfs() throws Exception {
        Path hostEtc = Files.createDirectories(dir.resolve("hostetc"));
        Files.writeString(hostEtc.resolve("passwd"), "evil:x:0:0::/root:/bin/sh\n");
        Files.writeString(hostEtc.resolve("group"), "evilgroup:x:0:evil\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.delete(rootfs.resolve("etc/group"));
        Files.delete(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc"), hostEtc);
        assertEquals("unable to find user evil: no matching entries in passwd file", fails("evil").getMessage());
        assertEquals("unable to find group evilgroup: no matching entries in group file",
                fails("0:evilgroup").getMessage());
    }
}
