package dev.berth.archive.internal;

/** What statx(2) says about one file, without following a final symlink. Ids are unsigned 32-bit values. */
public record FileStat(int mode, int uid, int gid, long nlink, long ino, int devMajor, int devMinor,
                       int rdevMajor, int rdevMinor, long size, long atimeSec, int atimeNsec,
                       long mtimeSec, int mtimeNsec) {

    public static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
            S_IFBLK = 0060000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFIFO = 0010000;

    public int type() {
        return mode & S_IFMT;
    }

    /** Permission bits including setuid, setgid and sticky. */
    public int perm() {
        return mode & 07777;
    }

    public boolean isDir() {
        return type() == S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** overlayfs's whiteout: a character device with device number 0:0. */
    public boolean isWhiteout() {
        return type() == S_IFCHR && rdevMajor == 0 && rdevMinor == 0;
    }
}
