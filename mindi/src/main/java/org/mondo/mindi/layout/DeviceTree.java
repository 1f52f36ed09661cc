package org.mondo.mindi.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The block devices and how they stack (disk → partition → md → LV), from lsblk's KNAME/PKNAME
 * pairs and sysfs. Also the naming: the layout calls a device /dev/mapper/NAME when it is a
 * device-mapper device (what fstab and mountinfo show for an LV) and /dev/KNAME otherwise, and
 * any /dev path a tool prints is mapped back to its kernel name.
 */
final class DeviceTree {
    private final Map<String, SysfsReader.SysDevice> sys;
    private final Map<String, LsblkParser.Row> rows = new HashMap<>();
    private final Map<String, Set<String>> parents = new HashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private final Map<String, String> byMajMin = new HashMap<>();
    private final Map<String, String> byDmName = new HashMap<>();

    DeviceTree(Map<String, SysfsReader.SysDevice> sys, List<LsblkParser.Row> lsblk) {
        this.sys = sys;
        for (LsblkParser.Row r : lsblk) {
            rows.putIfAbsent(r.kname(), r);
            if (!r.pkname().isEmpty()) {
                parents.computeIfAbsent(r.kname(), k -> new LinkedHashSet<>()).add(r.pkname());
                children.computeIfAbsent(r.pkname(), k -> new LinkedHashSet<>()).add(r.kname());
            }
        }
        for (SysfsReader.SysDevice d : sys.values()) {
            if (!d.majMin().isEmpty()) byMajMin.put(d.majMin(), d.name());
            if (!d.dmName().isEmpty()) byDmName.put(d.dmName(), d.name());
            // sysfs knows the stacking too; it fills in when lsblk missed a device.
            for (String s : d.slaves()) {
                parents.computeIfAbsent(d.name(), k -> new LinkedHashSet<>()).add(s);
                children.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(d.name());
            }
            if (d.isPartition()) {
                parents.computeIfAbsent(d.name(), k -> new LinkedHashSet<>()).add(d.disk());
                children.computeIfAbsent(d.disk(), k -> new LinkedHashSet<>()).add(d.name());
            }
        }
    }

    SysfsReader.SysDevice sys(String kname) {
        return sys.get(kname);
    }

    Map<String, SysfsReader.SysDevice> all() {
        return sys;
    }

    /** lsblk's TYPE: disk, part, lvm, raid1, crypt, loop, rom...; "" when lsblk did not list it. */
    String type(String kname) {
        LsblkParser.Row r = rows.get(kname);
        return r == null ? "" : r.type();
    }

    boolean isDeviceMapper(String kname) {
        return kname.startsWith("dm-");
    }

    /** An md array (not a partition of one). */
    boolean isMd(String kname) {
        SysfsReader.SysDevice d = sys.get(kname);
        return kname.matches("md\\d+") && (d == null || !d.isPartition());
    }

    /** The layout's name for a device. */
    String device(String kname) {
        if (isDeviceMapper(kname)) {
            SysfsReader.SysDevice d = sys.get(kname);
            String name = d != null && !d.dmName().isEmpty() ? d.dmName()
                    : rows.containsKey(kname) ? rows.get(kname).name() : kname;
            return "/dev/mapper/" + name;
        }
        return "/dev/" + kname;
    }

    /** The kernel name behind a path such as /dev/sda1, /dev/mapper/vg0-root or /dev/dm-2; null if unknown. */
    String kname(String path) {
        if (path.startsWith("/dev/mapper/")) return byDmName.get(path.substring("/dev/mapper/".length()));
        if (path.startsWith("/dev/")) {
            String k = path.substring(5);
            if (sys.containsKey(k)) return k;
        }
        return null;
    }

    String byMajMin(String majMin) {
        return byMajMin.get(majMin);
    }

    Set<String> parents(String kname) {
        return parents.getOrDefault(kname, Set.of());
    }

    /** The devices built on the given disks: the disks, their partitions, and all that stacks on them. */
    Set<String> closure(List<String> disks) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(disks);
        while (!todo.isEmpty()) {
            String k = todo.poll();
            if (seen.add(k)) todo.addAll(children.getOrDefault(k, Set.of()));
        }
        return seen;
    }

    /** The disks (among {@code disks}) a device ultimately lives on. */
    Set<String> underlyingDisks(String kname, Set<String> disks) {
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(kname));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String k = todo.poll();
            if (!seen.add(k)) continue;
            if (disks.contains(k)) out.add(k);
            todo.addAll(parents(k));
        }
        return out;
    }

    /** Devices of a kind, in name order: for stable output. */
    static List<String> sorted(Set<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(null);
        return out;
    }
}
