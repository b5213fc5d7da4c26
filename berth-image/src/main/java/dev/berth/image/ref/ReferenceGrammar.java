package dev.berth.image.ref;

import java.util.regex.Pattern;

/**
 * The reference grammar of distribution/reference (regexp.go), as Java patterns. Go's RE2 and
 * Java agree on these anchored patterns, including which groups capture what, because both pick
 * the leftmost-first alternative.
 */
final class ReferenceGrammar {
    private ReferenceGrammar() {}

    static final String ALPHANUMERIC = "[a-z0-9]+";
    static final String SEPARATOR = "(?:[._]|__|[-]+)";
    static final String DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    static final String OPTIONAL_PORT = "(?::[0-9]+)?";
    static final String TAG = "[\\w][\\w.-]{0,127}";
    static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    static final String DOMAIN_NAME = DOMAIN_NAME_COMPONENT + "(?:\\." + DOMAIN_NAME_COMPONENT + ")*";
    static final String HOST = "(?:" + DOMAIN_NAME + "|" + IPV6 + ")";
    static final String DOMAIN_AND_PORT = HOST + OPTIONAL_PORT;
    static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + REMOTE_NAME;

    /** Groups: 1 name, 2 tag, 3 digest. */
    static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    /** Groups: 1 domain (may be absent), 2 remote name. */
    static final Pattern ANCHORED_NAME = Pattern.compile("^(?:(" + DOMAIN_AND_PORT + ")/)?(" + REMOTE_NAME + ")$");
    static final Pattern ANCHORED_TAG = Pattern.compile("^" + TAG + "$");
    static final Pattern ANCHORED_IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
}
