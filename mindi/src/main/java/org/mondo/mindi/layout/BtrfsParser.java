package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mondo.layout.FsOptions;

/**
 * Parses {@code btrfs subvolume list -p MNT} ("ID 256 gen 7 parent 5 top level 5 path @data") and
 * {@code btrfs subvolume get-default MNT} ("ID 5 (FS_TREE)" or an ID line like the list's).
 */
public final class BtrfsParser {
    private static final Pattern LIST = Pattern.compile("^ID (\\d+) .*?\\bparent (\\d+) .*?\\bpath (.+)$");
    private static final Pattern ID = Pattern.compile("^ID (\\d+)\\b");

    private BtrfsParser() {}

    public static List<String> listCommand(String mountpoint) {
        return List.of("btrfs", "subvolume", "list", "-p", mountpoint);
    }

    public static List<String> defaultCommand(String mountpoint) {
        return List.of("btrfs", "subvolume", "get-default", mountpoint);
    }

    public static List<FsOptions.BtrfsSubvolume> subvolumes(String text) {
        List<FsOptions.BtrfsSubvolume> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LIST.matcher(line.strip());
            if (m.matches()) {
                out.add(new FsOptions.BtrfsSubvolume(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
            }
        }
        return out;
    }

    /** The default subvolume's id; 5 (the top level) when the output says nothing else. */
    public static long defaultSubvolume(String text) {
        for (String line : text.split("\n")) {
            Matcher m = ID.matcher(line.strip());
            if (m.find()) return Long.parseLong(m.group(1));
        }
        return 5;
    }
}
