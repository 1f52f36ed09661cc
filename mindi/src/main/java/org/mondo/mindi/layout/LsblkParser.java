package org.mondo.mindi.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code lsblk -P} (KEY="value" pairs, one device per line). lsblk writes ", \, `, $ and
 * every non-printable byte (UTF-8 included) as \xHH; those are decoded back to text. A device
 * with several parents (an md array, an LV over two PVs) has one line per parent.
 */
public final class LsblkParser {
    /** The command whose output this parses; the columns are the ones {@link Row} reads. */
    public static final List<String> COMMAND = List.of("lsblk", "-P", "-b", "-o",
            "NAME,KNAME,PKNAME,TYPE,SIZE,FSTYPE,UUID,LABEL,PARTUUID,PARTLABEL,MOUNTPOINT");
    private static final Pattern PAIR = Pattern.compile("([A-Z0-9_:%-]+)=\"([^\"]*)\"");

    private LsblkParser() {}

    /** One line of lsblk: a device seen through one of its parents ({@code pkname}, "" for a disk). */
    public record Row(String name, String kname, String pkname, String type, long size, String fstype, String uuid,
            String label, String partuuid, String partlabel, String mountpoint) {}

    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, String> m : pairs(text)) {
            if (!m.containsKey("KNAME")) continue;
            String size = m.getOrDefault("SIZE", "");
            rows.add(new Row(m.getOrDefault("NAME", ""), m.get("KNAME"), m.getOrDefault("PKNAME", ""),
                    m.getOrDefault("TYPE", ""), size.isEmpty() ? 0 : Long.parseLong(size), m.getOrDefault("FSTYPE", ""),
                    m.getOrDefault("UUID", ""), m.getOrDefault("LABEL", ""), m.getOrDefault("PARTUUID", ""),
                    m.getOrDefault("PARTLABEL", ""), m.getOrDefault("MOUNTPOINT", "")));
        }
        return rows;
    }

    /** Every line's pairs; lines without any (warnings on stderr) are skipped. */
    static List<Map<String, String>> pairs(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = PAIR.matcher(line);
            Map<String, String> map = new LinkedHashMap<>();
            while (m.find()) map.put(m.group(1), unescape(m.group(2)));
            if (!map.isEmpty()) out.add(map);
        }
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 3 < in.length && in[i + 1] == 'x' && hex(in[i + 2]) >= 0 && hex(in[i + 3]) >= 0) {
                b.write(hex(in[i + 2]) << 4 | hex(in[i + 3]));
                i += 3;
            } else {
                b.write(in[i]);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }
}
