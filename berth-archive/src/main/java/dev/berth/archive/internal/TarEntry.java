package dev.berth.archive.internal;

import java.util.Map;

/**
 * One tar header after PAX and GNU long-name records were folded in. Names and link names are raw
 * (see {@link RawNames}); {@code mode} holds only the permission bits (07777); ids are unsigned
 * 32-bit values kept in ints; {@code xattrs} maps raw attribute names to their exact bytes.
 * Times are seconds and nanoseconds since the epoch; {@code atimeSec} is meaningful only when
 * {@code hasAtime}.
 */
public record TarEntry(String name, byte type, long size, int mode, int uid, int gid,
                       long mtimeSec, int mtimeNsec, boolean hasAtime, long atimeSec, int atimeNsec,
                       String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    public static final byte REG = '0', REG_OLD = 0, LINK = '1', SYMLINK = '2', CHAR = '3', BLOCK = '4',
            DIR = '5', FIFO = '6', CONTIGUOUS = '7', PAX = 'x', PAX_GLOBAL = 'g', GNU_LONGNAME = 'L',
            GNU_LONGLINK = 'K', GNU_SPARSE = 'S';

    public TarEntry {
        xattrs = Map.copyOf(xattrs);
    }

    public boolean isDir() {
        return type == DIR;
    }

    public boolean isDevice() {
        return type == CHAR || type == BLOCK;
    }

    /** Entry types whose header is never followed by data, whatever their size field says (as Go's reader). */
    public static boolean isHeaderOnly(byte type) {
        return type == LINK || type == SYMLINK || type == CHAR || type == BLOCK || type == DIR || type == FIFO;
    }

    /** A printable form of the type flag for messages. */
    public static String typeName(byte type) {
        return switch (type) {
            case REG, REG_OLD, CONTIGUOUS -> "regular file";
            case LINK -> "hardlink";
            case SYMLINK -> "symlink";
            case CHAR -> "character device";
            case BLOCK -> "block device";
            case DIR -> "directory";
            case FIFO -> "fifo";
            default -> (type >= 0x20 && type < 0x7f) ? "type '" + (char) type + "'" : "type " + (type & 0xff);
        };
    }
}
