package org.mondo.mindi.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mondo.layout.MdArray;

/**
 * Builds an {@link MdArray} from {@code mdadm --detail --export} (level, devices, metadata, UUID,
 * name, member roles: stable KEY=value) and {@code mdadm --detail} (what export lacks: chunk size,
 * layout, array size, spares, and each member's state).
 */
public final class MdadmParser {
    private MdadmParser() {}

    public static List<String> exportCommand(String device) {
        return List.of("mdadm", "--detail", "--export", device);
    }

    public static List<String> detailCommand(String device) {
        return List.of("mdadm", "--detail", device);
    }

    public static MdArray parse(String device, String exportText, String detailText) {
        Map<String, String> ex = new HashMap<>();
        for (String line : exportText.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("MD_") && eq > 0) ex.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        Map<String, String> de = new HashMap<>();
        Map<String, String> states = new HashMap<>();
        List<String> order = new ArrayList<>();
        boolean table = false;
        for (String line : detailText.split("\n")) {
            String s = line.strip();
            if (s.startsWith("Number") && s.contains("RaidDevice")) {
                table = true;
            } else if (table) {
                member(s, states, order);
            } else if (s.contains(" : ")) {
                de.put(s.substring(0, s.indexOf(" : ")).strip(), s.substring(s.indexOf(" : ") + 3).strip());
            }
        }
        if (!ex.containsKey("MD_LEVEL") && !de.containsKey("Raid Level")) {
            throw new IllegalArgumentException(device + ": not mdadm --detail output (no raid level)");
        }
        // Export names each member twice: MD_DEVICE_<mangled path>_DEV=/dev/sda5 and ..._ROLE=0.
        Map<String, String> roles = new HashMap<>();
        for (Map.Entry<String, String> e : ex.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("MD_DEVICE_") && k.endsWith("_DEV")) {
                String role = ex.get(k.substring(0, k.length() - 4) + "_ROLE");
                if (role != null) roles.put(e.getValue(), role);
            }
        }
        List<MdArray.Member> members = new ArrayList<>();
        for (String dev : order) {
            String role = roles.get(dev);
            String state = states.get(dev);
            if (role == null) role = state.contains("spare") ? "spare" : state.contains("faulty") ? "faulty" : "";
            members.add(new MdArray.Member(dev, role, state));
        }
        String name = ex.getOrDefault("MD_NAME", first(de.getOrDefault("Name", "")));
        return new MdArray(device, name, ex.getOrDefault("MD_LEVEL", de.get("Raid Level")),
                Integer.parseInt(ex.getOrDefault("MD_DEVICES", de.getOrDefault("Raid Devices", "0"))),
                Integer.parseInt(de.getOrDefault("Spare Devices", "0")),
                ex.getOrDefault("MD_METADATA", de.getOrDefault("Version", "")),
                ex.getOrDefault("MD_UUID", de.getOrDefault("UUID", "")), chunkKib(de.get("Chunk Size")),
                de.getOrDefault("Layout", ""), Long.parseLong(first(de.getOrDefault("Array Size", "0"))) * 1024,
                members);
    }

    /** A row of the member table: "0 8 5 0 active sync /dev/sda5"; "removed" rows name no device. */
    private static void member(String s, Map<String, String> states, List<String> order) {
        String[] t = s.split("\\s+");
        if (t.length < 5 || !t[t.length - 1].startsWith("/dev/")) return;
        String dev = t[t.length - 1];
        states.put(dev, String.join(" ", List.of(t).subList(4, t.length - 1)));
        order.add(dev);
    }

    /** "512K" → 512; absent for levels without chunks (raid1). */
    private static int chunkKib(String v) {
        if (v == null || v.isEmpty()) return 0;
        String n = v.replaceAll("[^0-9].*$", "");
        int k = Integer.parseInt(n);
        return v.endsWith("M") ? k * 1024 : k;
    }

    private static String first(String s) {
        return s.isEmpty() ? s : s.split("\\s+")[0];
    }
}
