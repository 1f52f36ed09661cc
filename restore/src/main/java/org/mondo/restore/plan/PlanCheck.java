package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.layout.TableType;
import org.mondo.layout.VolumeGroup;
import org.mondo.progress.Sizes;

/**
 * What is wrong with a target layout before anything is written: partitions over the end of their
 * disk or over each other, logical volumes over their group's size, no filesystem on /, two
 * filesystems on one mount point, a filesystem smaller than the data it must take, a type Mondo
 * cannot make. An empty list means the plan may run.
 */
public final class PlanCheck {
    private PlanCheck() {}

    /** {@code needs} is keyed by target device (see {@link #needsOnTarget}). */
    public static List<String> problems(Layout t, Map<String, Long> needs) {
        List<String> out = new ArrayList<>();
        for (Disk d : t.disks()) {
            long last = d.table() == TableType.GPT && d.lastLba() > 0 ? d.lastLba() : d.sectors() - 1;
            List<Partition> parts = d.partitions().stream().filter(p -> p.role() != Partition.Role.LOGICAL)
                    .sorted((a, b) -> Long.compare(a.start(), b.start())).toList();
            for (Partition p : d.partitions()) {
                if (p.end() > last) {
                    out.add(p.device() + " ends at sector " + p.end() + ", past the end of " + d.device() + " (" + last + "): over-allocated by "
                            + Sizes.human((p.end() - last) * d.logicalSectorSize()));
                }
            }
            for (int i = 1; i < parts.size(); i++) {
                if (parts.get(i).start() <= parts.get(i - 1).end()) {
                    out.add(parts.get(i).device() + " overlaps " + parts.get(i - 1).device());
                }
            }
        }
        for (VolumeGroup vg : t.volumeGroups()) {
            long lvBytes = t.logicalVolumes().stream().filter(l -> l.vg().equals(vg.name())).mapToLong(LogicalVolume::sizeBytes).sum();
            long vgBytes = vg.extentCount() * vg.extentSizeBytes();
            if (lvBytes > vgBytes) {
                out.add("volume group " + vg.name() + " is over-allocated: its logical volumes take " + Sizes.human(lvBytes)
                        + " of " + Sizes.human(vgBytes));
            }
        }
        Map<String, String> byMountpoint = new HashMap<>();
        boolean root = false;
        for (Mount m : t.mounts()) {
            if (!m.mountpoint().startsWith("/")) continue;
            root |= m.mountpoint().equals("/");
            String other = byMountpoint.put(m.mountpoint(), m.device());
            if (other != null) out.add("two filesystems on " + m.mountpoint() + ": " + other + " and " + m.device());
        }
        if (!root) out.add("no filesystem is mounted on /");
        for (FileSystem f : t.fileSystems()) {
            long size = deviceBytes(t, f.device());
            long need = needs.getOrDefault(f.device(), 0L);
            if (size > 0 && need > size) {
                out.add(f.device() + " (" + Sizes.human(size) + ") is too small for its data: needs " + Sizes.human(need));
            }
        }
        return out;
    }

    /** The source needs re-keyed by target device name. */
    public static Map<String, Long> needsOnTarget(RestorePlan plan, DataNeeds needs) {
        Map<String, Long> out = new HashMap<>();
        for (FileSystem f : plan.source().fileSystems()) {
            out.put(plan.deviceMap().getOrDefault(f.device(), f.device()), needs.need(f.device()));
        }
        return out;
    }

    /** A partition's or logical volume's size in the target layout; 0 when not known (md arrays). */
    public static long deviceBytes(Layout t, String device) {
        for (Disk d : t.disks()) {
            for (Partition p : d.partitions()) if (p.device().equals(device)) return p.sectors() * d.logicalSectorSize();
        }
        return t.logicalVolumes().stream().filter(l -> l.device().equals(device)).mapToLong(LogicalVolume::sizeBytes).findFirst().orElse(0);
    }
}
