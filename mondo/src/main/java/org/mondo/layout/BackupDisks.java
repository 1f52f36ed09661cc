package org.mondo.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leaves out of a layout the disks that hold only the backup's own destination (mondoarchive's
 * -d, -T, -S directories on a disk of their own, such as a USB disk or a second disk for ISO
 * files): a restore must not plan to recreate, and so erase, the disk it reads the backup from.
 * A disk that holds anything else — another mounted filesystem, swap, an LVM or md member — stays.
 */
public final class BackupDisks {
    private BackupDisks() {}

    public record Result(Layout layout, List<String> leftOut) {}

    public static Result leaveOut(Layout l, List<String> paths) {
        Set<String> disks = new HashSet<>();
        for (String path : paths) mountOf(l, path).flatMap(m -> diskHolding(l, m.device())).ifPresent(disks::add);
        List<String> out = new ArrayList<>();
        Set<String> devices = new HashSet<>();
        for (String disk : disks) {
            Disk d = l.disks().stream().filter(x -> x.device().equals(disk)).findFirst().orElseThrow();
            Set<String> own = new HashSet<>(List.of(disk));
            d.partitions().forEach(p -> own.add(p.device()));
            boolean onlyBackup = own.stream().allMatch(dev -> usedOnlyForBackup(l, dev, paths));
            if (onlyBackup) {
                out.add(disk);
                devices.addAll(own);
            }
        }
        if (out.isEmpty()) return new Result(l, List.of());
        Layout kept = new Layout(l.version(), l.host(), l.created(), l.firmware(),
                l.disks().stream().filter(d -> !devices.contains(d.device())).toList(), l.mdArrays(), l.physicalVolumes(),
                l.volumeGroups(), l.logicalVolumes(), l.fileSystems().stream().filter(f -> !devices.contains(f.device())).toList(),
                l.swaps(), l.mounts().stream().filter(m -> !devices.contains(m.device())).toList(),
                l.bootLoaders().stream().filter(b -> !devices.contains(b.device())).toList(), l.efiBootOrder(), l.efiBootEntries());
        return new Result(kept, out);
    }

    /** The mount with the longest mount point that contains the path. */
    static Optional<Mount> mountOf(Layout l, String path) {
        Mount best = null;
        for (Mount m : l.mounts()) {
            String mp = m.mountpoint();
            boolean contains = mp.equals("/") || path.equals(mp) || path.startsWith(mp + "/");
            if (contains && (best == null || mp.length() > best.mountpoint().length())) best = m;
        }
        return Optional.ofNullable(best);
    }

    /** The disk a partition or whole-disk filesystem is on; empty for md, LVM and other stacked devices. */
    static Optional<String> diskHolding(Layout l, String device) {
        for (Disk d : l.disks()) {
            if (d.device().equals(device)) return Optional.of(d.device());
            for (Partition p : d.partitions()) if (p.device().equals(device)) return Optional.of(d.device());
        }
        return Optional.empty();
    }

    private static boolean usedOnlyForBackup(Layout l, String dev, List<String> paths) {
        if (l.swap(dev).isPresent() || l.physicalVolume(dev).isPresent() || l.mdArrayWithMember(dev).isPresent()) return false;
        for (Mount m : l.mounts()) {
            if (!m.device().equals(dev)) continue;
            boolean backup = paths.stream().anyMatch(p -> mountOf(l, p).map(x -> x.mountpoint().equals(m.mountpoint())).orElse(false));
            if (!backup) return false;
        }
        return true;
    }
}
