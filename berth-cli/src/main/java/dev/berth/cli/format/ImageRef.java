package dev.berth.cli.format;

import java.util.regex.Pattern;

/**
 * An image reference normalised as distribution/reference does: "busybox" is
 * docker.io/library/busybox, and its familiar form drops that again. Tag and digest are optional.
 */
public record ImageRef(String domain, String path, String tag, String digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /** ParseNormalizedNamed; IllegalArgumentException carries docker's message. */
    public static ImageRef parse(String s) {
        if (HEX64.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
        }
        String rest = s;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) throw new IllegalArgumentException("invalid reference format");
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) throw new IllegalArgumentException("invalid reference format");
        }
        String domain;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash < 0 || !first.contains(".") && !first.contains(":") && !first.equals("localhost") && first.toLowerCase(java.util.Locale.ROOT).equals(first)) {
            domain = DEFAULT_DOMAIN;
            path = rest;
        } else {
            domain = first;
            path = rest.substring(slash + 1);
        }
        if (domain.equals("index.docker.io")) domain = DEFAULT_DOMAIN;
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) path = "library/" + path;
        if (path.isEmpty()) throw new IllegalArgumentException("invalid reference format");
        for (String c : path.split("/", -1)) {
            if (!COMPONENT.matcher(c).matches()) {
                if (c.toLowerCase(java.util.Locale.ROOT).equals(c) || !COMPONENT.matcher(c.toLowerCase(java.util.Locale.ROOT)).matches()) {
                    throw new IllegalArgumentException("invalid reference format");
                }
                throw new IllegalArgumentException("invalid reference format: repository name (" + path + ") must be lowercase");
            }
        }
        return new ImageRef(domain, path, tag, digest);
    }

    /** The full name without tag or digest: docker.io/library/busybox. */
    public String name() {
        return domain + "/" + path;
    }

    /** busybox, or myorg/app, or registry:5000/app. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) return name();
        if (path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0) return path.substring("library/".length());
        return path;
    }

    public String familiarString() {
        return familiarName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** TagNameOnly: "latest" when neither tag nor digest is given. */
    public ImageRef withDefaultTag() {
        return tag == null && digest == null ? new ImageRef(domain, path, "latest", null) : this;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
