package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.MdArray;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;
import org.mondo.progress.Sizes;

/**
 * What a restore will build: the source layout, the target layout (the same records with the
 * target's device names and sizes), which source disk goes to which target disk, and whether the
 * result is exact (same disks, same sizes: every start sector and UUID as it was). With
 * {@code partition} false (the "nopart" word) the disks are used as they are.
 */
public record RestorePlan(Layout source, Layout target, Map<String, String> diskMap, Map<String, String> deviceMap,
        boolean exact, boolean partition, List<String> changes) {

    public RestorePlan {
        diskMap = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(diskMap)); // the sources' order
        deviceMap = Map.copyOf(deviceMap);
        changes = List.copyOf(changes);
    }

    /** The target disks that will be written to: nothing else may be touched. */
    public List<String> targetDisks() {
        return target.disks().stream().map(Disk::device).toList();
    }

    /** The plan as a person reads it before saying yes. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Disk d : target.disks()) {
            String from = source.disks().stream().filter(s -> diskMap.get(s.device()).equals(d.device()))
                    .map(Disk::device).findFirst().orElse("?");
            out.add(d.device() + " (" + Sizes.human(d.sizeBytes()) + ", " + d.table().text() + ")"
                    + (from.equals(d.device()) ? "" : " from " + from) + (partition ? "" : ": used as it is (nopart)"));
            for (Partition p : d.partitions()) {
                out.add(String.format("  %-16s %10s  %s%s", p.device(), Sizes.human(p.sectors() * d.logicalSectorSize()),
                        p.role() == Partition.Role.EXTENDED ? "extended" : content(p.device()),
                        p.flags().isEmpty() ? "" : "  [" + String.join(",", p.flags()) + "]"));
            }
        }
        for (MdArray m : target.mdArrays()) {
            out.add(m.device() + " " + m.level() + " over "
                    + String.join(" ", m.members().stream().map(MdArray.Member::device).toList()) + ": " + content(m.device()));
        }
        for (LogicalVolume lv : target.logicalVolumes()) {
            out.add(String.format("%-24s %10s  %s", lv.device(), Sizes.human(lv.sizeBytes()), content(lv.device())));
        }
        if (!changes.isEmpty()) {
            out.add("changed from the backup:");
            for (String c : changes) out.add("  " + c);
        }
        return out;
    }

    private String content(String device) {
        for (FileSystem f : target.fileSystems()) {
            if (f.device().equals(device)) {
                String mp = target.mounts().stream().filter(m -> m.device().equals(device)).map(Mount::mountpoint)
                        .findFirst().orElse("");
                return f.type() + (mp.isEmpty() ? "" : " " + mp) + (f.label().isEmpty() ? "" : " label " + f.label());
            }
        }
        for (Swap s : target.swaps()) if (s.device().equals(device)) return "swap";
        if (target.physicalVolume(device).isPresent()) return "LVM PV of " + target.physicalVolume(device).get().vg();
        if (target.mdArrayWithMember(device).isPresent()) return "member of " + target.mdArrayWithMember(device).get().device();
        return "(empty)";
    }
}
