package dev.berth.image.ref;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import java.util.Locale;
import java.util.regex.Matcher;

/** distribution/reference's Parse and ParseNormalizedNamed, step for step. */
final class ReferenceParser {
    private ReferenceParser() {}

    static Reference parse(String s) {
        if (s == null || s.isEmpty()) throw BerthException.invalid("repository name must have at least one component");
        Matcher m = ReferenceGrammar.REFERENCE.matcher(s);
        if (!m.matches()) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (!lower.equals(s) && ReferenceGrammar.REFERENCE.matcher(lower).matches()) {
                throw BerthException.invalid("repository name must be lowercase");
            }
            throw BerthException.invalid("invalid reference format");
        }
        String name = m.group(1);
        String domain = "";
        String path = name;
        Matcher nm = ReferenceGrammar.ANCHORED_NAME.matcher(name);
        if (nm.matches()) {
            domain = nm.group(1) == null ? "" : nm.group(1);
            path = nm.group(2);
        }
        if (path.length() > Reference.NAME_TOTAL_LENGTH_MAX) {
            throw BerthException.invalid("repository name must not be more than %d characters", Reference.NAME_TOTAL_LENGTH_MAX);
        }
        Digest digest = m.group(3) == null ? null : Digest.parse(m.group(3));
        return new Reference(domain, path, m.group(2), digest);
    }

    static Reference parseNormalized(String s) {
        if (s == null) throw BerthException.invalid("repository name must have at least one component");
        if (ReferenceGrammar.ANCHORED_IDENTIFIER.matcher(s).matches()) {
            throw BerthException.invalid("invalid repository name (%s), cannot specify 64-byte hexadecimal strings", s);
        }
        String[] split = splitDockerDomain(s);
        String remainder = split[1];
        int tagSep = remainder.indexOf(':');
        String remote = tagSep > -1 ? remainder.substring(0, tagSep) : remainder;
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            throw BerthException.invalid("invalid reference format: repository name (%s) must be lowercase", remote);
        }
        return parse(split[0] + "/" + remainder);
    }

    /** Splits a familiar name into {domain, remote name}, adding docker.io and library/ as Docker does. */
    static String[] splitDockerDomain(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) return new String[] {Reference.DEFAULT_DOMAIN, Reference.OFFICIAL_REPO_PREFIX + name};
        String maybeDomain = name.substring(0, slash);
        String maybeRemote = name.substring(slash + 1);
        String domain;
        String remote;
        if (maybeDomain.equals("localhost")) {
            domain = maybeDomain;
            remote = maybeRemote;
        } else if (maybeDomain.equals(Reference.LEGACY_DEFAULT_DOMAIN)) {
            domain = Reference.DEFAULT_DOMAIN;
            remote = maybeRemote;
        } else if (maybeDomain.contains(".") || maybeDomain.contains(":")) {
            domain = maybeDomain;
            remote = maybeRemote;
        } else if (!maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
            // Namespaces are lowercase, so an uppercase first element must be a host name.
            domain = maybeDomain;
            remote = maybeRemote;
        } else {
            domain = Reference.DEFAULT_DOMAIN;
            remote = name;
        }
        if (domain.equals(Reference.DEFAULT_DOMAIN) && remote.indexOf('/') < 0) {
            remote = Reference.OFFICIAL_REPO_PREFIX + remote;
        }
        return new String[] {domain, remote};
    }
}
