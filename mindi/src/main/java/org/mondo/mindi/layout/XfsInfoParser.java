package org.mondo.mindi.layout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mondo.layout.FsOptions;

/**
 * Parses xfs_info's geometry. Its sections (meta-data, data, naming, log, realtime) reuse names
 * such as bsize and sectsz, so each key=value is filed under its section; a line starting with
 * "=" continues the section above.
 */
public final class XfsInfoParser {
    private static final Pattern SECTION = Pattern.compile("^([a-z-]*)\\s*=(.*)$");
    private static final Pattern PAIR = Pattern.compile("([a-z0-9_-]+)=([^\\s,]+)");

    private XfsInfoParser() {}

    public static List<String> command(String device) {
        return List.of("xfs_info", device);
    }

    public static FsOptions.Xfs parse(String text) {
        Map<String, String> v = new HashMap<>();
        String section = null;
        boolean logInternal = true;
        for (String line : text.split("\n")) {
            Matcher m = SECTION.matcher(line);
            if (!m.matches()) continue;
            if (!m.group(1).isEmpty()) section = m.group(1);
            if (section == null) continue;
            String rest = m.group(2);
            if (section.equals("log") && !m.group(1).isEmpty()) logInternal = rest.strip().startsWith("internal");
            Matcher p = PAIR.matcher(rest);
            while (p.find()) v.putIfAbsent(section + "." + p.group(1), p.group(2));
        }
        if (!v.containsKey("meta-data.isize") || !v.containsKey("data.bsize")) {
            throw new IllegalArgumentException("not xfs_info output (no isize or data bsize)");
        }
        long logBlocks = num(v, "log.blocks", 0);
        long logBsize = num(v, "log.bsize", num(v, "data.bsize", 0));
        return new FsOptions.Xfs((int) num(v, "meta-data.isize", 0), (int) num(v, "data.bsize", 0),
                (int) num(v, "meta-data.sectsz", 0), (int) num(v, "meta-data.agcount", 0), logBlocks * logBsize,
                logInternal, bit(v, "meta-data.crc"), bit(v, "meta-data.finobt"), bit(v, "meta-data.sparse"),
                bit(v, "meta-data.rmapbt"), bit(v, "meta-data.reflink"), bit(v, "meta-data.bigtime"),
                bit(v, "meta-data.inobtcount"), bit(v, "naming.ftype"), num(v, "data.sunit", 0),
                num(v, "data.swidth", 0));
    }

    private static long num(Map<String, String> v, String key, long absent) {
        String s = v.get(key);
        return s == null ? absent : Long.parseLong(s);
    }

    private static int bit(Map<String, String> v, String key) {
        return (int) num(v, key, -1);
    }
}
