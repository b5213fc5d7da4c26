package dev.berth.archive;

import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.RawNames;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Builds test trees with every kind of entry, through Libc/NativeFs directly (needs root). */
final class TestTrees {
    /** A valid v2 security.capability (cap_setuid, cap_net_raw permitted, effective): binary, with 0x80. */
    static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final String NON_UTF8 = RawNames.fromBytes(new byte[] {'x', (byte) 0xff, (byte) 0xfe}, 0, 3);

    private TestTrees() {}

    /** The raw name of a path; java.nio cannot give the bytes of a non-UTF-8 name, so that one test name is mapped back. */
    static String raw(Path p) {
        Path abs = p.toAbsolutePath();
        if (abs.getFileName() != null && abs.getFileName().toString().indexOf('\ufffd') >= 0) {
            return RawNames.fromDisplay(abs.getParent().toString()) + "/" + NON_UTF8;
        }
        return RawNames.fromDisplay(abs.toString());
    }

    static void write(Path p, byte[] data, int mode, int uid, int gid) throws IOException {
        Files.write(p, data);
        Libc.lchown(p.toString(), uid, gid);
        chmod(p, mode);
    }

    static void chmod(Path p, int mode) throws Errno {
        try (NativeFs fs = new NativeFs()) {
            fs.fchmodat(NativeFs.AT_FDCWD, raw(p), mode);
        }
    }

    static void setTimes(Path p, long aSec, int aNsec, long mSec, int mNsec) throws Errno {
        try (NativeFs fs = new NativeFs()) {
            fs.lutimensat(NativeFs.AT_FDCWD, raw(p), aSec, aNsec, mSec, mNsec);
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A tree with every entry type, odd modes, owners, xattrs (binary ones too), long and non-UTF-8 names. */
    static void buildFull(Path src) throws IOException {
        Files.createDirectories(src);
        Path a = Files.createDirectory(src.resolve("a"));
        Libc.lchown(a.toString(), 1000, 1000);
        chmod(a, 0750);
        Libc.lsetxattr(a.toString(), "user.dirattr", "v".getBytes());
        write(a.resolve("file"), random(100_000, 1), 0640, 1234, 5678);
        Libc.lsetxattr(a.resolve("file").toString(), "user.x", "hello".getBytes());
        Libc.lsetxattr(a.resolve("file").toString(), "trusted.t", new byte[] {0, (byte) 0xff, 0x10});
        Files.createLink(a.resolve("hard"), a.resolve("file"));
        write(a.resolve("empty"), new byte[0], 0600, 0, 0);
        write(a.resolve("setuid"), "#!/bin/sh\n".getBytes(), 04755, 0, 0);
        write(a.resolve("setgid"), "x".getBytes(), 02711, 0, 50);
        write(a.resolve("cap"), "ping".getBytes(), 0755, 0, 0);
        Libc.lsetxattr(a.resolve("cap").toString(), "security.capability", CAPABILITY);
        Path sticky = Files.createDirectory(src.resolve("sticky"));
        chmod(sticky, 01777);
        Files.createDirectory(src.resolve("emptydir"));
        write(src.resolve("big"), random(3 * 1024 * 1024 + 17, 2), 0644, 0, 0);
        Path deep = src;
        for (int i = 0; i < 6; i++) deep = Files.createDirectory(deep.resolve("level-" + i + "-" + "d".repeat(20)));
        write(deep.resolve("n".repeat(150)), "deep".getBytes(), 0644, 0, 0);
        Files.createSymbolicLink(src.resolve("sym"), Path.of("a/file"));
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/etc/passwd"));
        Path dangling = Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere"));
        Libc.lchown(dangling.toString(), 42, 43);
        Files.createSymbolicLink(src.resolve("longlink"), Path.of("t".repeat(200)));
        Libc.mknod(src.resolve("cdev").toString(), 0020000 | 0620, Libc.makedev(1, 3));
        Libc.mknod(src.resolve("bdev").toString(), 0060000 | 0660, Libc.makedev(7, 0));
        Libc.mknod(src.resolve("bigdev").toString(), 0020000 | 0600, Libc.makedev(300, 70000));
        Libc.mkfifo(src.resolve("fifo").toString(), 0640);
        chmod(src.resolve("fifo"), 0640);
        write(src.resolve("héllo wörld"), "utf8".getBytes(), 0644, 0, 0);
        try (NativeFs fs = new NativeFs()) {
            int fd = fs.openat(NativeFs.AT_FDCWD, raw(src) + "/" + NON_UTF8, NativeFs.O_WRONLY | NativeFs.O_CREAT | NativeFs.O_EXCL, 0644);
            fs.close(fd);
        }
        stampTimes(src);
    }

    /** Gives every entry distinct times (mtime two hours ago, atime one hour ago: relatime keeps them on read). */
    static void stampTimes(Path root) throws IOException {
        long base = System.currentTimeMillis() / 1000 - 7200;
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        int i = 0;
        for (Path p : all) {
            i++;
            setTimes(p, base + 3600, 1000 + i, base + i, 123_456_000 + i);
        }
    }
}
