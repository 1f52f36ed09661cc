package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.VolumeGroup;

/**
 * Parses LVM reports made with {@code --noheadings --nameprefixes --units b --nosuffix}: one
 * line per object of LVM2_FIELD='value' pairs, sizes in bytes. The runner merges stderr into the
 * output, and LVM warns a lot there (no device-mapper, leaked descriptors); lines without
 * LVM2_ pairs are such noise and are skipped. lvs with segment fields gives a line per segment.
 */
public final class LvmParser {
    private static final List<String> REPORT = List.of("--noheadings", "--nameprefixes", "--units", "b", "--nosuffix",
            "-o");
    public static final List<String> PVS = command("pvs", "pv_name,pv_uuid,vg_name,pv_size,dev_size,pe_start");
    public static final List<String> VGS = command("vgs", "vg_name,vg_uuid,vg_extent_size,vg_extent_count,vg_free_count");
    public static final List<String> LVS = command("lvs",
            "vg_name,lv_name,lv_uuid,lv_size,segtype,stripes,stripe_size,devices");
    private static final Pattern PAIR = Pattern.compile("LVM2_([A-Z0-9_]+)='([^']*)'");

    private LvmParser() {}

    private static List<String> command(String report, String fields) {
        List<String> c = new ArrayList<>(List.of("lvm", report));
        c.addAll(REPORT);
        c.add(fields);
        return List.copyOf(c);
    }

    public static List<String> vgcfgbackupCommand(String file, String vg) {
        return List.of("lvm", "vgcfgbackup", "-f", file, vg);
    }

    /** Each report line as field → value, field names lower-cased without the LVM2_ prefix. */
    static List<Map<String, String>> rows(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = PAIR.matcher(line);
            Map<String, String> row = new HashMap<>();
            while (m.find()) row.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            if (!row.isEmpty()) out.add(row);
        }
        return out;
    }

    public static List<LvmPv> pvs(String text) {
        List<LvmPv> out = new ArrayList<>();
        for (Map<String, String> r : rows(text)) {
            out.add(new LvmPv(r.get("pv_name"), r.getOrDefault("pv_uuid", ""), r.getOrDefault("vg_name", ""),
                    num(r, "pv_size"), num(r, "dev_size"), num(r, "pe_start")));
        }
        return out;
    }

    /** The VGs; their metadata (vgcfgbackup) is added by the caller. */
    public static List<VolumeGroup> vgs(String text) {
        List<VolumeGroup> out = new ArrayList<>();
        for (Map<String, String> r : rows(text)) {
            out.add(new VolumeGroup(r.get("vg_name"), r.getOrDefault("vg_uuid", ""), num(r, "vg_extent_size"),
                    num(r, "vg_extent_count"), num(r, "vg_free_count"), ""));
        }
        return out;
    }

    /** One LV per vg/name: type, stripes and stripe size of the first segment, all segments' devices. */
    public static List<LogicalVolume> lvs(String text) {
        Map<String, List<Map<String, String>>> byLv = new LinkedHashMap<>();
        for (Map<String, String> r : rows(text)) {
            byLv.computeIfAbsent(r.get("vg_name") + "/" + r.get("lv_name"), k -> new ArrayList<>()).add(r);
        }
        List<LogicalVolume> out = new ArrayList<>();
        for (List<Map<String, String>> segs : byLv.values()) {
            Map<String, String> r = segs.getFirst();
            List<String> devices = new ArrayList<>();
            for (Map<String, String> s : segs) {
                if (!s.getOrDefault("devices", "").isEmpty()) devices.add(s.get("devices"));
            }
            out.add(new LogicalVolume(r.get("vg_name"), r.get("lv_name"), r.getOrDefault("lv_uuid", ""),
                    num(r, "lv_size"), r.getOrDefault("segtype", ""), (int) num(r, "stripes"), num(r, "stripe_size"),
                    segs.size(), String.join(",", devices)));
        }
        return out;
    }

    private static long num(Map<String, String> r, String key) {
        String v = r.getOrDefault(key, "");
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }
}
