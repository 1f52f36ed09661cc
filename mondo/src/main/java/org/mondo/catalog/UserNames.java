package org.mondo.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** uid and gid to names, read once from /etc/passwd and /etc/group (names are informative; ids are restored). */
public final class UserNames {
    private final Map<Integer, String> users;
    private final Map<Integer, String> groups;

    private UserNames(Map<Integer, String> users, Map<Integer, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    public static UserNames load(Path etc) {
        return new UserNames(read(etc.resolve("passwd")), read(etc.resolve("group")));
    }

    private static Map<Integer, String> read(Path file) {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length < 3) continue;
                try {
                    m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                } catch (NumberFormatException ignored) {
                    // a malformed line names nobody
                }
            }
        } catch (IOException | RuntimeException e) {
            // no names: ids alone are kept
        }
        return m;
    }

    public String user(int uid) {
        return users.get(uid);
    }

    public String group(int gid) {
        return groups.get(gid);
    }
}
