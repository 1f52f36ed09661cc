package org.mondo.mindi.layout;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;

/**
 * What is mounted and swapped on, for the devices being read: /proc/self/mountinfo says what is
 * mounted now, /etc/fstab how the admin asked for it (device spec such as UUID=..., options),
 * /proc/swaps which swap areas are active. fstab specs are resolved with blkid's and the
 * partition tables' identifiers.
 */
final class Mounts {
    private static final Set<String> MEMBER_TYPES = Set.of("linux_raid_member", "LVM2_member");

    private final Machine m;
    private final DeviceTree tree;
    private final Set<String> scope;
    private final Map<String, Map<String, String>> probe;
    private final Map<String, Partition> partitions;
    private final List<FstabParser.FstabEntry> fstab;
    private final List<ProcSwapsParser.ActiveSwap> active;
    private final List<Mount> mounts = new ArrayList<>();
    private final List<String> mountKnames = new ArrayList<>();
    private final Map<String, String> firstMountpoint = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    Mounts(Machine m, DeviceTree tree, Set<String> scope, Map<String, Map<String, String>> probe,
            Map<String, Partition> partitions) throws IOException {
        this.m = m;
        this.tree = tree;
        this.scope = scope;
        this.probe = probe;
        this.partitions = partitions;
        this.fstab = FstabParser.parse(optionalFile(FstabParser.PATH));
        this.active = ProcSwapsParser.parse(optionalFile("/proc/swaps"));
        build(MountinfoParser.parse(m.readFile(MountinfoParser.PATH)));
    }

    private String optionalFile(String path) throws IOException {
        try {
            return m.readFile(path);
        } catch (NoSuchFileException e) {
            warnings.add(path + " does not exist");
            return "";
        }
    }

    private void build(List<MountinfoParser.MountEntry> mountinfo) throws IOException {
        Set<FstabParser.FstabEntry> used = new HashSet<>();
        for (MountinfoParser.MountEntry e : mountinfo) {
            String k = tree.byMajMin(e.majMin());
            if (k == null) k = kernelName(e.source()); // btrfs has an anonymous maj:min
            if (k == null || !scope.contains(k)) continue;
            // A mount of a directory inside a filesystem is a bind mount, not the filesystem itself.
            if (!e.root().equals("/") && !e.fstype().equals("btrfs")) continue;
            FstabParser.FstabEntry f = fstabAt(e.mountpoint(), k);
            if (f != null) used.add(f);
            add(k, new Mount(f != null ? f.spec() : tree.device(k), tree.device(k), e.mountpoint(), e.fstype(),
                    f != null ? f.options() : e.options(), f != null ? f.dump() : 0, f != null ? f.pass() : 0));
        }
        for (FstabParser.FstabEntry f : fstab) {
            if (used.contains(f) || f.type().equals("swap") || f.hasOption("noauto")) continue;
            String k = resolve(f.spec());
            if (k == null || !scope.contains(k)) continue;
            String type = f.type().equals("auto") ? probe.getOrDefault(k, Map.of()).getOrDefault("TYPE", "auto") : f.type();
            add(k, new Mount(f.spec(), tree.device(k), f.mountpoint(), type, f.options(), f.dump(), f.pass()));
            warnings.add(f.mountpoint() + " is in fstab but not mounted; recorded from fstab");
        }
    }

    private void add(String k, Mount mount) {
        mounts.add(mount);
        mountKnames.add(k);
        firstMountpoint.putIfAbsent(k, mount.mountpoint());
    }

    /** fstab's entry for this mountpoint, unless fstab names another device there. */
    private FstabParser.FstabEntry fstabAt(String mountpoint, String k) throws IOException {
        for (FstabParser.FstabEntry f : fstab) {
            if (!f.mountpoint().equals(mountpoint) || f.type().equals("swap")) continue;
            String r = resolve(f.spec());
            if (r == null || r.equals(k)) return f;
        }
        return null;
    }

    List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Where a device is (first) mounted, or null. */
    String mountpointOf(String kname) {
        return firstMountpoint.get(kname);
    }

    /** The device mounted at a mountpoint (the last one, if mounted over), or null. */
    String kernelNameAt(String mountpoint) {
        String k = null;
        for (int i = 0; i < mounts.size(); i++) {
            if (mounts.get(i).mountpoint().equals(mountpoint)) k = mountKnames.get(i);
        }
        return k;
    }

    /** A swap device: active (with its priority) or listed in fstab (pri= there), else priority -1. */
    Swap swap(String k, Map<String, String> probe) throws IOException {
        int priority = -1;
        boolean on = false;
        for (ProcSwapsParser.ActiveSwap s : active) {
            if (k.equals(kernelName(s.path()))) {
                priority = s.priority();
                on = true;
            }
        }
        if (!on) {
            for (FstabParser.FstabEntry f : fstab) {
                if (f.type().equals("swap") && k.equals(resolve(f.spec()))) priority = fstabPriority(f.options());
            }
        }
        return new Swap(tree.device(k), probe.getOrDefault("UUID", ""), probe.getOrDefault("LABEL", ""),
                tree.sys(k).sizeBytes(), priority, on);
    }

    private static int fstabPriority(String options) {
        for (String o : options.split(",")) {
            if (o.startsWith("pri=")) {
                try {
                    return Integer.parseInt(o.substring(4));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The device an fstab spec names: UUID=, LABEL=, PARTUUID=, PARTLABEL= or a /dev path. */
    String resolve(String spec) throws IOException {
        int eq = spec.indexOf('=');
        if (spec.startsWith("/")) return kernelName(spec);
        if (eq < 0) return null;
        String key = spec.substring(0, eq);
        String value = spec.substring(eq + 1);
        switch (key) {
            case "UUID", "LABEL" -> {
                for (Map.Entry<String, Map<String, String>> e : probe.entrySet()) {
                    // md members share their array's UUID and label; PVs have LVM's own UUID.
                    if (MEMBER_TYPES.contains(e.getValue().getOrDefault("TYPE", ""))) continue;
                    String v = e.getValue().getOrDefault(key, "");
                    if (key.equals("UUID") ? value.equalsIgnoreCase(v) : value.equals(v)) return e.getKey();
                }
            }
            case "PARTUUID", "PARTLABEL" -> {
                for (Map.Entry<String, Partition> e : partitions.entrySet()) {
                    Partition p = e.getValue();
                    boolean uuid = key.equals("PARTUUID");
                    String v = uuid ? p.uuid() : p.name();
                    if (!v.isEmpty() && (uuid ? value.equalsIgnoreCase(v) : value.equals(v))) return e.getKey();
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private String kernelName(String path) throws IOException {
        String k = tree.kname(path);
        if (k != null || !path.startsWith("/dev/") || !m.exists(path)) return k;
        return tree.kname(m.realPath(path));
    }
}
