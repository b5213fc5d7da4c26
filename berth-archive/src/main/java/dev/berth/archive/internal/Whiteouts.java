package dev.berth.archive.internal;

/**
 * The OCI/AUFS whiteout names of layer tars and their overlayfs counterparts.
 *
 * <ul>
 *   <li>{@code dir/.wh.NAME} in a tar deletes {@code dir/NAME} of lower layers; overlayfs stores that as a
 *       character device 0:0 named {@code NAME}.</li>
 *   <li>{@code dir/.wh..wh..opq} in a tar hides everything lower layers have in {@code dir}; overlayfs
 *       stores that as the xattr {@code trusted.overlay.opaque="y"} on {@code dir}.</li>
 *   <li>Other names starting with {@code .wh..wh.} at the top of a layer are AUFS bookkeeping and are
 *       skipped, as moby does.</li>
 * </ul>
 */
public final class Whiteouts {
    public static final String PREFIX = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    public static final String META_PREFIX = ".wh..wh.";
    public static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    public static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";

    private Whiteouts() {}

    /** What a tar entry's last name component means. */
    public enum Kind { NONE, WHITEOUT, OPAQUE }

    public static Kind kindOf(String base) {
        if (base.equals(OPAQUE)) return Kind.OPAQUE;
        if (base.startsWith(PREFIX)) return Kind.WHITEOUT;
        return Kind.NONE;
    }

    /** The name a whiteout entry deletes: ".wh.foo" gives "foo". */
    public static String hiddenName(String base) throws TarPaths.InvalidNameException {
        String name = base.substring(PREFIX.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new TarPaths.InvalidNameException("invalid whiteout name");
        }
        return name;
    }

    /** The whiteout entry name for a deleted name: "foo" gives ".wh.foo". */
    public static String whiteoutName(String name) {
        return PREFIX + name;
    }

    /** True for a clean path inside the AUFS metadata dirs (skipped), but not the root's opaque marker. */
    public static boolean isAufsMetadata(String clean) {
        return clean.startsWith(META_PREFIX) && !clean.equals(OPAQUE);
    }

    /** True for xattr names that belong to overlayfs itself and must never come from or go into a tar. */
    public static boolean isOverlayXattr(String rawName) {
        return rawName.startsWith(OVERLAY_XATTR_PREFIX);
    }

    /** overlayfs's value for an opaque directory. */
    public static boolean isOpaqueValue(byte[] v) {
        return v != null && v.length == 1 && v[0] == 'y';
    }
}
