package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sfdisk -d} output, the oracle the partition-table readers are checked against. */
record SfdiskDump(Map<String, String> header, List<Map<String, String>> partitions) {
    private static final Pattern FIELD = Pattern.compile("(\\w[\\w-]*)=\\s*(\"[^\"]*\"|[^,]+)|(bootable)");

    static SfdiskDump parse(String text) {
        Map<String, String> header = new HashMap<>();
        List<Map<String, String>> parts = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(" : ");
            if (line.startsWith("/dev/") && colon > 0) {
                Map<String, String> p = new HashMap<>();
                p.put("device", line.substring(0, colon).strip());
                Matcher m = FIELD.matcher(line.substring(colon + 3));
                while (m.find()) {
                    if (m.group(3) != null) p.put("bootable", "1");
                    else p.put(m.group(1), m.group(2).strip().replace("\"", ""));
                }
                parts.add(p);
            } else if (line.contains(": ")) {
                header.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2).strip());
            }
        }
        return new SfdiskDump(header, parts);
    }
}
