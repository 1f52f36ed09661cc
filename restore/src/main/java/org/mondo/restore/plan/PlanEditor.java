package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.FsOptions;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.layout.PartitionNaming;
import org.mondo.layout.PartitionTypes;
import org.mondo.layout.Swap;
import org.mondo.layout.TableType;
import org.mondo.layout.VolumeGroup;
import org.mondo.progress.Sizes;

/**
 * The edits of interactive mode on a plan's target layout: a partition's or logical volume's
 * size, a filesystem's type or mount point, deleting or adding a partition or logical volume.
 * Partitions after a resized one move along (their sizes kept); a volume group whose volumes
 * changed is made anew rather than restored from its vgcfgbackup. Edits may over-allocate:
 * {@link PlanCheck} says so, and the restore refuses to start until it is fixed.
 */
public final class PlanEditor {
    private static final long MIB = 1L << 20;
    private final RestorePlan base;
    private Layout t;
    private final List<String> changes = new ArrayList<>();

    public PlanEditor(RestorePlan base) {
        this.base = base;
        this.t = base.target();
    }

    public RestorePlan plan() {
        List<String> all = new ArrayList<>(base.changes());
        all.addAll(changes);
        return new RestorePlan(base.source(), t, base.diskMap(), base.deviceMap(), base.exact() && changes.isEmpty(),
                base.partition(), all);
    }

    public Layout layout() {
        return t;
    }

    public void resize(String device, long bytes) throws EditException {
        if (bytes <= 0) throw new EditException("a size must be positive");
        for (Disk d : t.disks()) {
            for (Partition p : d.partitions()) {
                if (p.device().equals(device)) {
                    resizePartition(d, p, bytes);
                    return;
                }
            }
        }
        LogicalVolume lv = t.logicalVolumes().stream().filter(l -> l.device().equals(device)).findFirst()
                .orElseThrow(() -> new EditException(device + " is not a partition or logical volume of the plan"));
        VolumeGroup vg = group(lv.vg());
        long extents = PartitionFit.ceilDiv(bytes, vg.extentSizeBytes());
        replaceLv(lv, new LogicalVolume(lv.vg(), lv.name(), lv.uuid(), extents * vg.extentSizeBytes(), lv.segmentType(),
                lv.stripes(), lv.stripeSizeBytes(), 1, ""));
        anew(vg.name());
        changes.add(device + " resized to " + Sizes.human(extents * vg.extentSizeBytes()));
    }

    private void resizePartition(Disk d, Partition p, long bytes) throws EditException {
        if (p.role() != Partition.Role.PRIMARY) throw new EditException("resizing " + p.role().text() + " partitions is not supported");
        int ss = d.logicalSectorSize();
        long align = Math.max(1, MIB / ss);
        long sectors = PartitionFit.alignUp(PartitionFit.ceilDiv(bytes, ss), align);
        List<Partition> out = new ArrayList<>();
        long prevEnd = -1;
        for (Partition x : d.partitions().stream().sorted(Comparator.comparingLong(Partition::start)).toList()) {
            Partition n = x;
            if (x.equals(p)) {
                n = with(x, x.start(), x.start() + sectors - 1);
            } else if (prevEnd >= 0 && x.start() <= prevEnd && x.role() == Partition.Role.PRIMARY) {
                long start = PartitionFit.alignUp(prevEnd + 1, align);
                n = with(x, start, start + x.sectors() - 1);
            }
            out.add(n);
            if (n.role() != Partition.Role.LOGICAL) prevEnd = Math.max(prevEnd, n.end());
        }
        out.sort(Comparator.comparingInt(Partition::number));
        replaceDisk(d, out);
        for (LvmPv pv : t.physicalVolumes()) {
            if (pv.device().equals(p.device())) {
                VolumeGroup vg = group(pv.vg());
                long dev = sectors * ss;
                long size = (dev - pv.peStartBytes()) / vg.extentSizeBytes() * vg.extentSizeBytes();
                List<LvmPv> pvs = new ArrayList<>(t.physicalVolumes());
                pvs.set(pvs.indexOf(pv), new LvmPv(pv.device(), pv.uuid(), pv.vg(), size, dev, pv.peStartBytes()));
                t = with(t, t.disks(), pvs, t.volumeGroups(), t.logicalVolumes(), t.fileSystems(), t.swaps(), t.mounts());
                anew(vg.name());
            }
        }
        changes.add(p.device() + " resized to " + Sizes.human(sectors * ss));
    }

    /** "swap" makes swap of it; any other type a new, empty filesystem (same UUID when the format allows). */
    public void setType(String device, String type) throws EditException {
        type = type.toLowerCase(Locale.ROOT);
        if (!type.equals("swap") && !org.mondo.restore.tools.Mkfs.TYPES.contains(type)) {
            throw new EditException("Mondo makes ext2, ext3, ext4, xfs, vfat, btrfs and swap, not " + type);
        }
        requireDevice(device);
        FileSystem old = t.fileSystem(device).orElse(null);
        Swap oldSwap = t.swap(device).orElse(null);
        List<FileSystem> fss = new ArrayList<>(t.fileSystems());
        List<Swap> swaps = new ArrayList<>(t.swaps());
        List<Mount> mounts = new ArrayList<>(t.mounts());
        fss.removeIf(f -> f.device().equals(device));
        swaps.removeIf(s -> s.device().equals(device));
        if (type.equals("swap")) {
            mounts.removeIf(m -> m.device().equals(device));
            swaps.add(new Swap(device, "", old == null ? "" : old.label(), PlanCheck.deviceBytes(t, device), -1, false));
        } else {
            boolean uuidFits = old != null && !old.type().equals("vfat") && !type.equals("vfat");
            fss.add(new FileSystem(device, type, uuidFits ? old.uuid() : "", old == null ? (oldSwap == null ? "" : oldSwap.label())
                    : old.label(), FsOptions.NONE, old == null ? 0 : old.usedBytes()));
            final String ty = type;
            mounts.replaceAll(m -> m.device().equals(device)
                    ? new Mount(m.spec(), m.device(), m.mountpoint(), ty, "defaults", m.dump(), m.pass()) : m);
        }
        t = with(t, t.disks(), t.physicalVolumes(), t.volumeGroups(), t.logicalVolumes(), fss, swaps, mounts);
        changes.add(device + " becomes " + type);
    }

    /** "-" removes the mount point. */
    public void setMountpoint(String device, String mountpoint) throws EditException {
        FileSystem fs = t.fileSystem(device).orElseThrow(() -> new EditException("no filesystem on " + device + " in the plan"));
        if (!mountpoint.equals("-") && !mountpoint.startsWith("/")) throw new EditException("a mount point starts with /");
        List<Mount> mounts = new ArrayList<>(t.mounts());
        mounts.removeIf(m -> m.device().equals(device));
        if (!mountpoint.equals("-")) {
            String spec = fs.uuid().isEmpty() ? device : "UUID=" + fs.uuid();
            mounts.add(new Mount(spec, device, mountpoint, fs.type(), "defaults", 0, mountpoint.equals("/") ? 1 : 2));
        }
        t = with(t, t.disks(), t.physicalVolumes(), t.volumeGroups(), t.logicalVolumes(), t.fileSystems(), t.swaps(), mounts);
        changes.add(device + (mountpoint.equals("-") ? " not mounted" : " mounted on " + mountpoint));
    }

    /** Deletes a partition or logical volume and what lives on it. */
    public void delete(String device) throws EditException {
        requireDevice(device);
        List<Disk> disks = new ArrayList<>();
        for (Disk d : t.disks()) {
            disks.add(new Disk(d.device(), d.sizeBytes(), d.logicalSectorSize(), d.physicalSectorSize(), d.model(), d.serial(),
                    d.removable(), d.table(), d.id(), d.firstLba(), d.lastLba(), d.entries(),
                    d.partitions().stream().filter(p -> !p.device().equals(device)).toList()));
        }
        List<LogicalVolume> lvs = new ArrayList<>(t.logicalVolumes());
        lvs.stream().filter(l -> l.device().equals(device)).findFirst().ifPresent(l -> anew(l.vg()));
        lvs.removeIf(l -> l.device().equals(device));
        t = with(t, disks, t.physicalVolumes().stream().filter(p -> !p.device().equals(device)).toList(), t.volumeGroups(), lvs,
                t.fileSystems().stream().filter(f -> !f.device().equals(device)).toList(),
                t.swaps().stream().filter(s -> !s.device().equals(device)).toList(),
                t.mounts().stream().filter(m -> !m.device().equals(device)).toList());
        changes.add(device + " deleted");
    }

    /** A new partition after the last one of the disk, with a new filesystem (or swap) of this type. */
    public void addPartition(String disk, long bytes, String type, String mountpoint) throws EditException {
        Disk d = t.disks().stream().filter(x -> x.device().equals(disk)).findFirst()
                .orElseThrow(() -> new EditException(disk + " is not a disk of the plan"));
        int ss = d.logicalSectorSize();
        long align = Math.max(1, MIB / ss);
        long start = PartitionFit.alignUp(d.partitions().stream().mapToLong(Partition::end).max().orElse(align - 1) + 1, align);
        int number = d.partitions().stream().mapToInt(Partition::number).max().orElse(0) + 1;
        boolean gpt = d.table() == TableType.GPT;
        if (!gpt && number > 4) throw new EditException(disk + " has no free primary slot (MBR: four)");
        boolean swap = type.equalsIgnoreCase("swap");
        String ptype = gpt ? (swap ? PartitionTypes.GPT_LINUX_SWAP : PartitionTypes.GPT_LINUX_FS) : (swap ? "82" : "83");
        String dev = PartitionNaming.partition(disk, number);
        Partition p = new Partition(dev, number, Partition.Role.PRIMARY, start,
                start + PartitionFit.alignUp(PartitionFit.ceilDiv(bytes, ss), align) - 1, ptype, "", "", 0, List.of());
        List<Partition> parts = new ArrayList<>(d.partitions());
        parts.add(p);
        replaceDisk(d, parts);
        changes.add(dev + " added (" + Sizes.human(p.sectors() * ss) + ")");
        setType(dev, type);
        if (!swap && mountpoint != null && !mountpoint.equals("-")) setMountpoint(dev, mountpoint);
    }

    public void addLogicalVolume(String vgName, String name, long bytes, String type, String mountpoint) throws EditException {
        VolumeGroup vg = group(vgName);
        if (!name.matches("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*")) throw new EditException("'" + name + "' is not a valid LV name");
        long extents = PartitionFit.ceilDiv(bytes, vg.extentSizeBytes());
        LogicalVolume lv = new LogicalVolume(vgName, name, "", extents * vg.extentSizeBytes(), "linear", 1, 0, 1, "");
        if (t.logicalVolume(lv.device()).isPresent()) throw new EditException(lv.device() + " exists already");
        List<LogicalVolume> lvs = new ArrayList<>(t.logicalVolumes());
        lvs.add(lv);
        t = with(t, t.disks(), t.physicalVolumes(), t.volumeGroups(), lvs, t.fileSystems(), t.swaps(), t.mounts());
        anew(vgName);
        changes.add(lv.device() + " added (" + Sizes.human(lv.sizeBytes()) + ")");
        setType(lv.device(), type);
        if (!type.equalsIgnoreCase("swap") && mountpoint != null && !mountpoint.equals("-")) setMountpoint(lv.device(), mountpoint);
    }

    private void requireDevice(String device) throws EditException {
        if (PlanCheck.deviceBytes(t, device) == 0 && t.mdArray(device).isEmpty()) {
            throw new EditException(device + " is not a partition, logical volume or md array of the plan");
        }
    }

    private VolumeGroup group(String name) throws EditException {
        return t.volumeGroups().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new EditException("no volume group " + name + " in the plan"));
    }

    /** The VG is made with vgcreate/lvcreate, its extent count from its PVs' sizes now. */
    private void anew(String vgName) {
        List<VolumeGroup> vgs = new ArrayList<>();
        for (VolumeGroup vg : t.volumeGroups()) {
            if (!vg.name().equals(vgName)) {
                vgs.add(vg);
                continue;
            }
            long extents = t.physicalVolumes().stream().filter(p -> p.vg().equals(vgName))
                    .mapToLong(p -> p.sizeBytes() / vg.extentSizeBytes()).sum();
            long used = t.logicalVolumes().stream().filter(l -> l.vg().equals(vgName))
                    .mapToLong(l -> l.sizeBytes() / vg.extentSizeBytes()).sum();
            vgs.add(new VolumeGroup(vg.name(), vg.uuid(), vg.extentSizeBytes(), extents, Math.max(0, extents - used), ""));
        }
        t = with(t, t.disks(), t.physicalVolumes(), vgs, t.logicalVolumes(), t.fileSystems(), t.swaps(), t.mounts());
    }

    private void replaceLv(LogicalVolume old, LogicalVolume now) {
        List<LogicalVolume> lvs = new ArrayList<>(t.logicalVolumes());
        lvs.set(lvs.indexOf(old), now);
        t = with(t, t.disks(), t.physicalVolumes(), t.volumeGroups(), lvs, t.fileSystems(), t.swaps(), t.mounts());
    }

    private void replaceDisk(Disk d, List<Partition> parts) {
        List<Disk> disks = new ArrayList<>(t.disks());
        disks.set(disks.indexOf(d), new Disk(d.device(), d.sizeBytes(), d.logicalSectorSize(), d.physicalSectorSize(), d.model(),
                d.serial(), d.removable(), d.table(), d.id(), d.firstLba(), d.lastLba(), d.entries(), parts));
        t = with(t, disks, t.physicalVolumes(), t.volumeGroups(), t.logicalVolumes(), t.fileSystems(), t.swaps(), t.mounts());
    }

    private static Partition with(Partition p, long start, long end) {
        return new Partition(p.device(), p.number(), p.role(), start, end, p.type(), p.uuid(), p.name(), p.attributes(), p.flags());
    }

    private static Layout with(Layout l, List<Disk> disks, List<LvmPv> pvs, List<VolumeGroup> vgs, List<LogicalVolume> lvs,
            List<FileSystem> fss, List<Swap> swaps, List<Mount> mounts) {
        return new Layout(l.version(), l.host(), l.created(), l.firmware(), disks, l.mdArrays(), pvs, vgs, lvs, fss, swaps,
                mounts, l.bootLoaders(), l.efiBootOrder(), l.efiBootEntries());
    }

    /** An edit that cannot be made, with the reason. */
    public static final class EditException extends Exception {
        public EditException(String message) {
            super(message);
        }
    }
}
