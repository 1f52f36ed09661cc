package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.List;

/** Parses /proc/swaps: the active swap areas, sizes in KiB, names with octal escapes. */
public final class ProcSwapsParser {
    private ProcSwapsParser() {}

    public record ActiveSwap(String path, String type, long sizeKib, long usedKib, int priority) {}

    public static List<ActiveSwap> parse(String text) {
        List<ActiveSwap> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || f[0].equals("Filename")) continue;
            try {
                out.add(new ActiveSwap(Octal.unescape(f[0]), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Integer.parseInt(f[4])));
            } catch (NumberFormatException e) {
                // Not a swap line; the header of a future kernel, say. Nothing here is worth failing for.
            }
        }
        return out;
    }
}
