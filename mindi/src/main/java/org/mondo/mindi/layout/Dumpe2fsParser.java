package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mondo.layout.FsOptions;

/**
 * Parses {@code dumpe2fs -h}: "Key:   value" lines. The feature list keeps what mke2fs -O can
 * set; needs_recovery and orphan_present only say the filesystem is mounted or was not unmounted.
 */
public final class Dumpe2fsParser {
    private static final Set<String> STATE_FLAGS = Set.of("needs_recovery", "orphan_present");

    private Dumpe2fsParser() {}

    public static List<String> command(String device) {
        return List.of("dumpe2fs", "-h", device);
    }

    /** What dumpe2fs tells: label and UUID (as it reads them) and the creation options. */
    public record Result(String label, String uuid, FsOptions.Ext options) {}

    public static Result parse(String text) {
        Map<String, String> f = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) f.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        if (!f.containsKey("Filesystem features") || !f.containsKey("Block size")) {
            throw new IllegalArgumentException("not dumpe2fs -h output (no features or block size)");
        }
        List<String> features = new ArrayList<>();
        for (String s : f.get("Filesystem features").split("\\s+")) {
            if (!s.isEmpty() && !s.equals("(none)") && !STATE_FLAGS.contains(s)) features.add(s);
        }
        String label = f.getOrDefault("Filesystem volume name", "");
        return new Result(label.equals("<none>") ? "" : label, f.getOrDefault("Filesystem UUID", ""),
                new FsOptions.Ext(features, num(f, "Block size"), num(f, "Inode size"), num(f, "Inode count"),
                        num(f, "Block count"), num(f, "Reserved block count")));
    }

    private static int num(Map<String, String> f, String key) {
        String v = f.get(key);
        return v == null ? 0 : Integer.parseInt(v.split("\\s+")[0]);
    }
}
