package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mondo.layout.BootLoader;
import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.MdArray;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;
import org.mondo.layout.VolumeGroup;
import org.mondo.progress.Sizes;

/**
 * Makes the {@link RestorePlan}: maps source disks to target disks ({@link DiskMapper}), fits each
 * partition table ({@link PartitionFit}), then carries the new names and sizes up through md
 * arrays, LVM (a volume group whose physical volumes changed size is made anew, its logical volumes
 * scaled by the same factor) and filesystems. The words "noresize" and "nopart" behave as in
 * MondoRescue: keep every size, or leave the disks as they are.
 */
public final class Planner {
    public record Options(boolean noresize, boolean nopart) {
        public static final Options DEFAULT = new Options(false, false);
    }

    private final Layout src;
    private final DataNeeds needs;
    private final Options options;

    public Planner(Layout src, DataNeeds needs, Options options) {
        this.src = src;
        this.needs = needs;
        this.options = options;
    }

    public RestorePlan plan(List<TargetDisk> targets) throws PlanException {
        return plan(targets, Map.of());
    }

    /** The source disks of the backup's layout. */
    public List<Disk> sourceDisks() {
        return src.disks();
    }

    /** The plan with some source disks' targets chosen by the admin (source device → target device). */
    public RestorePlan plan(List<TargetDisk> targets, Map<String, String> chosen) throws PlanException {
        if (options.nopart()) {
            Map<String, String> identity = new LinkedHashMap<>();
            src.disks().forEach(d -> identity.put(d.device(), d.device()));
            return new RestorePlan(src, src, identity, Map.of(), true, false, List.of("nopart: disks used as they are"));
        }
        Map<String, Long> minBytes = partitionMinimums();
        Set<String> fixed = fixedPartitions();
        Map<String, String> diskMap = DiskMapper.map(src.disks(), targets, d -> minimumDiskBytes(d, minBytes, fixed), chosen);
        Map<String, String> rename = new HashMap<>(diskMap);
        List<String> changes = new ArrayList<>();
        List<Disk> disks = new ArrayList<>();
        Map<String, Long> newBytes = new HashMap<>();
        Map<String, Long> oldBytes = new HashMap<>();
        boolean exact = true;
        for (Disk s : src.disks()) {
            TargetDisk t = targets.stream().filter(x -> x.device().equals(diskMap.get(s.device()))).findFirst().orElseThrow();
            Disk d = PartitionFit.fit(s, t, minBytes, fixed, options.noresize());
            disks.add(d);
            if (!s.device().equals(t.device())) changes.add(s.device() + " is restored to " + t.device());
            if (!PartitionFit.sameGeometry(s, t)) {
                exact = false;
                changes.add(t.device() + " is " + Sizes.human(t.sizeBytes()) + ", " + s.device() + " was "
                        + Sizes.human(s.sizeBytes()) + (options.noresize() ? " (noresize: sizes kept)" : ""));
            }
            newBytes.put(s.device(), t.sizeBytes());
            for (Partition p : s.partitions()) {
                Partition n = d.partitions().stream().filter(x -> x.number() == p.number()).findFirst().orElseThrow();
                rename.put(p.device(), n.device());
                long before = p.sectors() * s.logicalSectorSize(), after = n.sectors() * d.logicalSectorSize();
                newBytes.put(p.device(), after);
                oldBytes.put(p.device(), before);
                if (before != after && p.role() != Partition.Role.EXTENDED) {
                    changes.add(n.device() + ": " + Sizes.human(before) + " -> " + Sizes.human(after));
                }
            }
        }
        exact &= diskMap.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()));
        List<MdArray> md = new ArrayList<>();
        for (MdArray m : src.mdArrays()) {
            List<MdArray.Member> members = m.members().stream()
                    .map(x -> new MdArray.Member(rename.getOrDefault(x.device(), x.device()), x.role(), x.state())).toList();
            boolean resized = m.members().stream()
                    .anyMatch(x -> !newBytes.getOrDefault(x.device(), 0L).equals(oldBytes.getOrDefault(x.device(), 0L)));
            md.add(new MdArray(m.device(), m.name(), m.level(), m.raidDevices(), m.spareDevices(), m.metadata(), m.uuid(),
                    m.chunkKib(), m.layout(), resized ? 0 : m.sizeBytes(), members));
        }
        List<LvmPv> pvs = new ArrayList<>();
        List<VolumeGroup> vgs = new ArrayList<>();
        List<LogicalVolume> lvs = new ArrayList<>();
        lvm(rename, newBytes, pvs, vgs, lvs, changes);
        List<FileSystem> fss = src.fileSystems().stream().map(f -> f.withDevice(rename.getOrDefault(f.device(), f.device()))).toList();
        List<Swap> swaps = src.swaps().stream().map(s -> new Swap(rename.getOrDefault(s.device(), s.device()), s.uuid(),
                s.label(), newBytes.getOrDefault(s.device(), s.sizeBytes()), s.priority(), s.active())).toList();
        List<Mount> mounts = src.mounts().stream().map(m -> new Mount(m.spec(), rename.getOrDefault(m.device(), m.device()),
                m.mountpoint(), m.type(), m.options(), m.dump(), m.pass())).toList();
        List<BootLoader> loaders = src.bootLoaders().stream()
                .map(b -> new BootLoader(b.kind(), rename.getOrDefault(b.device(), b.device()), b.path())).toList();
        Layout target = new Layout(src.version(), src.host(), src.created(), src.firmware(), disks, md, pvs, vgs, lvs, fss,
                swaps, mounts, loaders, src.efiBootOrder(), src.efiBootEntries());
        Map<String, String> deviceMap = new HashMap<>(rename);
        return new RestorePlan(src, target, diskMap, deviceMap, exact, true, changes);
    }

    /** LVM: a VG keeps its vgcfgbackup (same extents) when every PV keeps its size, else it is made anew. */
    private void lvm(Map<String, String> rename, Map<String, Long> newBytes, List<LvmPv> pvs, List<VolumeGroup> vgs,
            List<LogicalVolume> lvs, List<String> changes) throws PlanException {
        for (VolumeGroup vg : src.volumeGroups()) {
            List<LvmPv> members = src.physicalVolumes().stream().filter(p -> p.vg().equals(vg.name())).toList();
            boolean same = true;
            long extents = 0;
            for (LvmPv pv : members) {
                long dev = newBytes.getOrDefault(pv.device(), pv.deviceSizeBytes());
                same &= dev == pv.deviceSizeBytes();
                long size = (dev - pv.peStartBytes()) / vg.extentSizeBytes() * vg.extentSizeBytes();
                extents += size / vg.extentSizeBytes();
                pvs.add(new LvmPv(rename.getOrDefault(pv.device(), pv.device()), pv.uuid(), pv.vg(), size, dev, pv.peStartBytes()));
            }
            List<LogicalVolume> mine = src.logicalVolumes().stream().filter(l -> l.vg().equals(vg.name())).toList();
            if (same) {
                vgs.add(vg);
                lvs.addAll(mine);
                continue;
            }
            double factor = (double) extents / vg.extentCount();
            long used = 0;
            List<LogicalVolume> scaled = new ArrayList<>();
            for (LogicalVolume lv : mine) {
                long oldExtents = lv.sizeBytes() / vg.extentSizeBytes();
                long n = (long) Math.floor(oldExtents * factor);
                long minExtents = PartitionFit.ceilDiv(needs.need(lv.device()), vg.extentSizeBytes());
                n = Math.max(n, minExtents);
                int stripes = Math.max(1, lv.stripes());
                n = PartitionFit.ceilDiv(n, stripes) * stripes;
                used += n;
                long bytes = n * vg.extentSizeBytes();
                if (bytes != lv.sizeBytes()) changes.add(lv.device() + ": " + Sizes.human(lv.sizeBytes()) + " -> " + Sizes.human(bytes));
                scaled.add(new LogicalVolume(lv.vg(), lv.name(), lv.uuid(), bytes, lv.segmentType(), lv.stripes(),
                        lv.stripeSizeBytes(), 1, ""));
            }
            if (used > extents) {
                throw new PlanException("volume group " + vg.name() + " would have " + Sizes.human(extents * vg.extentSizeBytes())
                        + " but its logical volumes need " + Sizes.human(used * vg.extentSizeBytes()));
            }
            vgs.add(new VolumeGroup(vg.name(), vg.uuid(), vg.extentSizeBytes(), extents, extents - used, ""));
            lvs.addAll(scaled);
        }
    }

    /**
     * Partitions that keep their size: ESP, BIOS boot, the one holding /boot, and those whose content
     * Mondo does not recreate (nothing known on them).
     */
    Set<String> fixedPartitions() {
        Set<String> out = new HashSet<>();
        Set<String> boot = new HashSet<>();
        for (Mount m : src.mounts()) if (m.mountpoint().equals("/boot") || m.mountpoint().equals("/boot/efi")) boot.add(m.device());
        for (Disk d : src.disks()) {
            for (Partition p : d.partitions()) {
                String dev = p.device();
                boolean known = src.fileSystem(dev).isPresent() || src.swap(dev).isPresent()
                        || src.physicalVolume(dev).isPresent() || src.mdArrayWithMember(dev).isPresent();
                if (p.hasFlag("esp") || p.hasFlag("bios_grub") || boot.contains(dev) || !known) out.add(dev);
            }
        }
        return out;
    }

    /** The smallest size of each source partition that still holds its data. */
    Map<String, Long> partitionMinimums() {
        Map<String, Long> out = new HashMap<>();
        for (Disk d : src.disks()) {
            for (Partition p : d.partitions()) out.put(p.device(), minimum(p.device()));
        }
        return out;
    }

    private long minimum(String dev) {
        if (src.fileSystem(dev).isPresent() || src.swap(dev).isPresent()) return needs.need(dev);
        var md = src.mdArrayWithMember(dev);
        if (md.isPresent()) {
            MdArray m = md.get();
            int data = switch (m.level()) {
                case "raid0", "linear" -> m.raidDevices();
                case "raid5" -> m.raidDevices() - 1;
                case "raid6" -> m.raidDevices() - 2;
                case "raid10" -> Math.max(1, m.raidDevices() / 2);
                default -> 1;
            };
            return needs.need(m.device()) / Math.max(1, data) + 8 * DataNeeds.MIB;
        }
        var pv = src.physicalVolume(dev);
        if (pv.isPresent() && !pv.get().vg().isEmpty()) {
            String vg = pv.get().vg();
            long vgNeed = src.logicalVolumes().stream().filter(l -> l.vg().equals(vg)).mapToLong(l -> needs.need(l.device())).sum();
            long vgSize = src.physicalVolumes().stream().filter(p -> p.vg().equals(vg)).mapToLong(LvmPv::sizeBytes).sum();
            double share = vgSize == 0 ? 1 : (double) pv.get().sizeBytes() / vgSize;
            return (long) (vgNeed * share) + pv.get().peStartBytes() + 16 * DataNeeds.MIB;
        }
        return 0;
    }

    private static long minimumDiskBytes(Disk d, Map<String, Long> min, Set<String> fixed) {
        long total = 2 * DataNeeds.MIB;
        for (Partition p : d.partitions()) {
            if (p.role() == Partition.Role.EXTENDED) continue;
            long size = p.sectors() * d.logicalSectorSize();
            total += (fixed.contains(p.device()) ? size : Math.min(size, Math.max(min.getOrDefault(p.device(), 0L), DataNeeds.MIB)))
                    + DataNeeds.MIB;
        }
        if (d.partitions().isEmpty()) total = d.sizeBytes();
        return total;
    }
}
