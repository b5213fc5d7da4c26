package dev.berth.runtime.user;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves Docker's {@code --user} and {@code --group-add} against the container's own
 * /etc/passwd and /etc/group, with runc's libcontainer/user rules (GetExecUser,
 * GetAdditionalGroups) and moby's assembly of the result (daemon/oci_linux.go getUser).
 *
 * <p>User spec forms: "" (uid 0), "name", "uid", "name:group", "uid:gid", "name:gid", "uid:group".
 * A number is always an id, never a name; an id need not be in the files. A name must be.
 * Without an explicit group the user's passwd gid is used (0 without an entry) and the groups
 * listing the user's name become supplementary groups.
 *
 * <p>The files are read from the untrusted rootfs with {@link RootfsFiles}: symlinks resolve
 * inside the rootfs, at most {@link #MAX_FILE_BYTES} are read, and a missing file counts as empty.
 */
public final class UserResolver {
    public static final int MAX_FILE_BYTES = 4 << 20;
    private static final long MAX_ID = Integer.MAX_VALUE;
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,18}");

    /**
     * The process's credentials.
     *
     * @param additionalGids the groups for setgroups(2), as Docker puts them in the spec: the
     *     primary gid first, then the user's supplementary groups from /etc/group, then the
     *     additional groups asked for; each gid once
     * @param home the passwd entry's home directory, "/" when there is no entry or it is empty
     */
    public record ExecUser(int uid, int gid, List<Integer> additionalGids, String home) {
        public ExecUser {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    private UserResolver() {}

    /**
     * @param userSpec Docker's --user value; null is the same as ""
     * @param additionalGroups Docker's --group-add values, names or numbers; may be null
     */
    public static ExecUser resolve(Path rootfs, String userSpec, List<String> additionalGroups) {
        String spec = userSpec == null ? "" : userSpec;
        String[] parts = spec.split(":", -1);
        String userArg = parts[0];
        String groupArg = parts.length > 1 ? parts[1] : "";
        List<String> extra = additionalGroups == null ? List.of() : additionalGroups;

        List<EtcFiles.PasswdEntry> passwd = EtcFiles.parsePasswd(read(rootfs, "/etc/passwd").orElse(""));

        long uid = 0;
        long gid = 0;
        String home = "/";
        String matchedName = null;
        Long numericUser = numeric(userArg);
        EtcFiles.PasswdEntry entry = passwd.stream().filter(u -> userArg.isEmpty() ? u.uid() == 0
                : numericUser != null ? u.uid() == numericUser : u.name().equals(userArg)).findFirst().orElse(null);
        if (entry != null) {
            matchedName = entry.name();
            uid = checkRange(entry.uid());
            gid = checkRange(entry.gid());
            if (!entry.home().isEmpty()) home = entry.home();
        } else if (!userArg.isEmpty()) {
            if (numericUser == null) {
                throw BerthException.notFound("unable to find user %s: no matching entries in passwd file", userArg);
            }
            uid = checkRange(numericUser);
        }

        // /etc/group is only read when something needs it, as runc does.
        List<EtcFiles.GroupEntry> groups = !groupArg.isEmpty() || matchedName != null || !extra.isEmpty()
                ? EtcFiles.parseGroup(read(rootfs, "/etc/group").orElse(""))
                : List.of();
        List<Long> supplementary = new ArrayList<>();
        if (!groupArg.isEmpty()) {
            Long numericGroup = numeric(groupArg);
            Optional<EtcFiles.GroupEntry> group = groups.stream().filter(g -> numericGroup != null
                    ? g.gid() == numericGroup : g.name().equals(groupArg)).findFirst();
            if (group.isPresent()) {
                gid = checkRange(group.get().gid());
            } else if (numericGroup != null) {
                gid = checkRange(numericGroup);
            } else {
                throw BerthException.notFound("unable to find group %s: no matching entries in group file", groupArg);
            }
        } else if (matchedName != null) {
            String name = matchedName;
            groups.stream().filter(g -> g.members().contains(name)).forEach(g -> supplementary.add(g.gid()));
        }

        Set<Integer> gids = new LinkedHashSet<>();
        gids.add((int) gid);
        for (long g : supplementary) gids.add((int) checkRange(g));
        for (String g : extra) gids.add(additionalGroup(groups, g));
        return new ExecUser((int) uid, (int) gid, List.copyOf(gids), home);
    }

    /** A --group-add value: a group name or gid from /etc/group, else any gid in range. */
    private static int additionalGroup(List<EtcFiles.GroupEntry> groups, String value) {
        for (EtcFiles.GroupEntry g : groups) {
            if (g.name().equals(value) || Long.toString(g.gid()).equals(value)) return (int) checkRange(g.gid());
        }
        Long n = numeric(value);
        if (n == null) throw BerthException.notFound("unable to find group %s: no matching entries in group file", value);
        return (int) checkRange(n);
    }

    private static Optional<String> read(Path rootfs, String path) {
        return RootfsFiles.read(rootfs, path, MAX_FILE_BYTES).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The value when s is a number the way Go's strconv.Atoi reads one; null when it is a name. */
    private static Long numeric(String s) {
        return NUMBER.matcher(s).matches() ? Long.parseLong(s) : null;
    }

    private static long checkRange(long id) {
        if (id < 0 || id > MAX_ID) throw BerthException.invalid("uids and gids must be in range 0-%d", MAX_ID);
        return id;
    }
}
