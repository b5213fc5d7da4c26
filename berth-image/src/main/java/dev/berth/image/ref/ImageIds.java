package dev.berth.image.ref;

import java.util.regex.Pattern;

/** Recognising and shortening image IDs the way Docker's CLI does. */
public final class ImageIds {
    private static final Pattern FULL = Pattern.compile("(?:sha256:)?[a-f0-9]{64}");
    private static final Pattern SHORT = Pattern.compile("(?:sha256:)?[a-f0-9]{12,64}");
    private static final Pattern PREFIX = Pattern.compile("(?:sha256:)?[a-f0-9]{1,64}");

    private ImageIds() {}

    /** A full ID: 64 lowercase hex characters, optionally prefixed by "sha256:". */
    public static boolean isFullId(String s) {
        return s != null && FULL.matcher(s).matches();
    }

    /** An ID as {@code docker images} prints it or longer: 12 to 64 lowercase hex characters. */
    public static boolean isShortId(String s) {
        return s != null && SHORT.matcher(s).matches();
    }

    /** Could be a (however short) prefix of an ID: 1 to 64 lowercase hex characters. */
    public static boolean isIdPrefix(String s) {
        return s != null && PREFIX.matcher(s).matches();
    }

    /** The hex part without "sha256:". */
    public static String hex(String idOrPrefix) {
        return idOrPrefix.startsWith("sha256:") ? idOrPrefix.substring(7) : idOrPrefix;
    }

    /** Docker's {@code stringid.TruncateID}: drop anything up to ':' and keep 12 characters. */
    public static String truncate(String id) {
        int colon = id.indexOf(':');
        String s = colon >= 0 ? id.substring(colon + 1) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }
}
