package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mondo.layout.EfiBootEntry;

/**
 * Parses {@code efibootmgr -v}: BootOrder and one "BootXXXX[*] label<TAB>device-path" line per
 * entry ("*" = active). efibootmgr before 17 separated label and path with spaces, so without a tab
 * the path is found where a device-path node starts. Version 18 writes the file after the HD()
 * node without File(...), and adds "dp:"/"data:" lines, which are skipped.
 */
public final class EfibootmgrParser {
    public static final List<String> COMMAND = List.of("efibootmgr", "-v");
    private static final Pattern ENTRY = Pattern.compile("^Boot([0-9A-Fa-f]{4})(\\*?)\\s?(.*)$");
    private static final Pattern PATH_START = Pattern.compile(
            "\\s((?:HD|PciRoot|PcieRoot|Acpi|Fv|FvVol|FvFile|VenHw|VenMsg|VenMedia|BBS|MemoryMapped|File|MAC|Uri|CDROM)\\(.*)$");
    private static final Pattern HD_GPT = Pattern.compile("HD\\(\\d+,GPT,([0-9A-Fa-f-]{36})[,)]");
    private static final Pattern FILE = Pattern.compile("(?:(?<![A-Za-z])File\\(([^)]*)\\)|HD\\([^)]*\\)/(\\\\[^\\s)]+))");

    private EfibootmgrParser() {}

    public record EfiBoot(List<String> order, List<EfiBootEntry> entries) {}

    public static EfiBoot parse(String text) {
        List<String> order = List.of();
        List<EfiBootEntry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("BootOrder:")) {
                String v = line.substring("BootOrder:".length()).strip();
                order = v.isEmpty() ? List.of() : List.of(v.split(","));
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) continue;
            String rest = m.group(3);
            String label = rest;
            String path = "";
            int tab = rest.indexOf('\t');
            if (tab >= 0) {
                label = rest.substring(0, tab);
                path = rest.substring(tab + 1);
            } else {
                Matcher p = PATH_START.matcher(rest);
                if (p.find()) {
                    label = rest.substring(0, p.start());
                    path = p.group(1);
                }
            }
            path = path.strip();
            Matcher hd = HD_GPT.matcher(path);
            Matcher file = FILE.matcher(path);
            String f = file.find() ? (file.group(1) != null ? file.group(1) : file.group(2)) : "";
            entries.add(new EfiBootEntry(m.group(1).toUpperCase(Locale.ROOT), label.strip(),
                    m.group(2).equals("*"), path, hd.find() ? hd.group(1) : "", f));
        }
        return new EfiBoot(order, entries);
    }
}
