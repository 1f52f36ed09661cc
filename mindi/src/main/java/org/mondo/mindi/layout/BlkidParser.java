package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code blkid -o export}: KEY=value lines, one block per device, blocks separated by an
 * empty line. blkid puts a backslash before spaces, quotes, $, `, < and >; it is removed.
 */
public final class BlkidParser {
    private BlkidParser() {}

    public static List<String> command(String device) {
        return List.of("blkid", "-o", "export", device);
    }

    /** All blocks, in order. */
    public static List<Map<String, String>> parseAll(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank()) {
                if (!block.isEmpty()) out.add(block);
                block = new LinkedHashMap<>();
            } else if (eq > 0 && line.substring(0, eq).matches("[A-Z0-9_]+")) {
                block.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
            }
        }
        if (!block.isEmpty()) out.add(block);
        return out;
    }

    /** The one device's properties (blkid -o export DEV); empty when blkid found nothing. */
    public static Map<String, String> parse(String text) {
        List<Map<String, String>> all = parseAll(text);
        return all.isEmpty() ? Map.of() : all.getFirst();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }
}
