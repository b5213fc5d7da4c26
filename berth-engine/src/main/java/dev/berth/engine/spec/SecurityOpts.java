package dev.berth.engine.spec;

import java.util.List;

/**
 * HostConfig.SecurityOpt, parsed with dockerd's rules (daemon_unix.go parseSecurityOpt): "key=value"
 * or the deprecated "key:value"; keys label, apparmor, seccomp, no-new-privileges; the bare words
 * "no-new-privileges" and "disable". Berth has no seccomp filter yet, so any seccomp profile but
 * "unconfined" is refused (UNSUPPORTED) rather than silently not applied; AppArmor and SELinux
 * options are accepted and ignored, as dockerd does on a host without those LSMs.
 *
 * @param noNewPrivileges process.noNewPrivileges
 */
record SecurityOpts(boolean noNewPrivileges) {

    /**
     * @param privileged dockerd applies no seccomp profile to a privileged container, so none is refused then
     */
    static SecurityOpts parse(List<String> opts, boolean privileged) {
        boolean nnp = false;
        for (String opt : opts == null ? List.<String>of() : opts) {
            if (opt == null) opt = "";
            if (opt.equals("no-new-privileges")) {
                nnp = true;
                continue;
            }
            if (opt.equals("disable")) continue;
            int sep = opt.indexOf('=');
            if (sep < 0) sep = opt.indexOf(':');
            if (sep < 0) throw Errors.invalid("invalid --security-opt 1: " + GoText.quote(opt));
            String key = opt.substring(0, sep);
            String value = opt.substring(sep + 1);
            switch (key) {
                case "label", "apparmor" -> {
                    // No SELinux or AppArmor support: dockerd ignores these where the LSM is off.
                }
                case "seccomp" -> {
                    if (!value.equals("unconfined") && !privileged) {
                        throw Errors.unsupported("seccomp profiles are not supported yet: only "
                                + "--security-opt seccomp=unconfined is accepted (got a "
                                + (value.trim().startsWith("{") ? "JSON profile of " + value.length() + " bytes"
                                        : "profile " + GoText.quote(value)) + ")");
                    }
                }
                case "no-new-privileges" -> {
                    Boolean b = parseBool(value);
                    if (b == null) throw Errors.invalid("invalid --security-opt 2: " + GoText.quote(opt));
                    nnp = b;
                }
                default -> throw Errors.invalid("invalid --security-opt 2: " + GoText.quote(opt));
            }
        }
        return new SecurityOpts(nnp);
    }

    /** Go's strconv.ParseBool. */
    static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }
}
