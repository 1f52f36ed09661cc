package org.mondo.progress;

import java.util.Locale;

/** Sizes and durations as people read and write them ("4480m", "1.2 GiB", "3m05s"). */
public final class Sizes {
    private Sizes() {}

    /** Parses "4480m", "4g", "700000k", "123" (bytes), case-insensitive; k/m/g/t are powers of 1024. */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty size");
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        switch (last) {
            case 'k' -> mult = 1L << 10;
            case 'm' -> mult = 1L << 20;
            case 'g' -> mult = 1L << 30;
            case 't' -> mult = 1L << 40;
            default -> {
                if (!Character.isDigit(last)) throw new IllegalArgumentException("bad size '" + text + "' (use k, m or g)");
            }
        }
        String num = mult == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long v = Long.parseLong(num);
            if (v <= 0) throw new IllegalArgumentException("size must be positive: '" + text + "'");
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size '" + text + "' (e.g. 4480m, 4g)");
        }
    }

    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        // 1023.96 KiB would print as "1024 KiB": move up a unit before rounding does.
        while (v >= 1023.95 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    public static String duration(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return String.format("%dm%02ds", seconds / 60, seconds % 60);
        return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
