package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc/self/mountinfo: "id parent maj:min root mountpoint options [optional...] - fstype
 * source superoptions". {@code root} is the mount's path inside its filesystem: "/" for a plain
 * mount, "/@data" for a btrfs subvolume, a directory for a bind mount. Paths are octal-escaped.
 */
public final class MountinfoParser {
    public static final String PATH = "/proc/self/mountinfo";

    private MountinfoParser() {}

    public record MountEntry(String majMin, String root, String mountpoint, String options, String fstype,
            String source, String superOptions) {}

    public static List<MountEntry> parse(String text) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 7 || dash < 6 || dash + 2 >= f.length) continue;
            out.add(new MountEntry(f[2], Octal.unescape(f[3]), Octal.unescape(f[4]), f[5], f[dash + 1],
                    Octal.unescape(f[dash + 2]), dash + 3 < f.length ? f[dash + 3] : ""));
        }
        return out;
    }
}
