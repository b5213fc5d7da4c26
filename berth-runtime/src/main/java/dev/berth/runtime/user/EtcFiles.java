package dev.berth.runtime.user;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsers of /etc/passwd and /etc/group the way runc's libcontainer/user reads them: fields
 * split on ':', surrounding blanks trimmed, blank and '#' lines skipped, missing or unparsable
 * numbers taken as 0, missing fields as "".
 */
final class EtcFiles {
    record PasswdEntry(String name, long uid, long gid, String home) {}

    record GroupEntry(String name, long gid, List<String> members) {}

    private EtcFiles() {}

    static List<PasswdEntry> parsePasswd(String text) {
        List<PasswdEntry> out = new ArrayList<>();
        for (String[] f : records(text)) {
            // name:password:UID:GID:GECOS:directory:shell
            out.add(new PasswdEntry(field(f, 0), number(field(f, 2)), number(field(f, 3)), field(f, 5)));
        }
        return out;
    }

    static List<GroupEntry> parseGroup(String text) {
        List<GroupEntry> out = new ArrayList<>();
        for (String[] f : records(text)) {
            // group_name:password:GID:user_list
            String list = field(f, 3);
            out.add(new GroupEntry(field(f, 0), number(field(f, 2)), list.isEmpty() ? List.of() : List.of(list.split(",", -1))));
        }
        return out;
    }

    private static List<String[]> records(String text) {
        List<String[]> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            out.add(l.split(":", -1));
        }
        return out;
    }

    private static String field(String[] fields, int i) {
        return i < fields.length ? fields[i] : "";
    }

    /** Like Go's strconv.Atoi with the error ignored: 0 when it is not a number. */
    static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
