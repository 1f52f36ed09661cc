package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.List;

/** Parses /etc/fstab: spec, mountpoint, type, options, dump, pass; octal escapes; "#" comments. */
public final class FstabParser {
    public static final String PATH = "/etc/fstab";

    private FstabParser() {}

    public record FstabEntry(String spec, String mountpoint, String type, String options, int dump, int pass) {
        public boolean hasOption(String option) {
            return List.of(options.split(",")).contains(option);
        }
    }

    public static List<FstabEntry> parse(String text) {
        List<FstabEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] f = s.split("\\s+");
            if (f.length < 2) continue;
            out.add(new FstabEntry(Octal.unescape(f[0]), Octal.unescape(f[1]), f.length > 2 ? f[2] : "auto",
                    f.length > 3 ? f[3] : "defaults", f.length > 4 ? num(f[4]) : 0, f.length > 5 ? num(f[5]) : 0));
        }
        return out;
    }

    private static int num(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
