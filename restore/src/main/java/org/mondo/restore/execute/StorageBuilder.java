package org.mondo.restore.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.FsOptions;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.MdArray;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;
import org.mondo.layout.VolumeGroup;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.tools.Btrfs;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.Lvm;
import org.mondo.restore.tools.Mdadm;
import org.mondo.restore.tools.Mkfs;
import org.mondo.restore.tools.Mounter;
import org.mondo.restore.tools.Sfdisk;
import org.mondo.restore.tools.Wipefs;
import org.mondo.tools.ToolException;

/**
 * Builds the plan's storage on the target disks, bottom up: old signatures wiped (only on the
 * plan's disks), partition tables, md arrays, LVM, then filesystems and swap. Every step goes
 * through one tool class, so the log shows each command and what it printed.
 */
public final class StorageBuilder {
    private static final Logger LOG = Logger.getLogger("mondo.restore");
    private final Commands commands;
    private final Function<String, List<String>> existingPartitions;
    private final DeviceNodes nodes;
    private final Path workDir;
    private final boolean withoutUdev;

    /**
     * {@code existingPartitions} lists what a disk holds now (from sysfs), to wipe it;
     * {@code workDir} is where the vgcfgbackup texts are written for vgcfgrestore.
     */
    public StorageBuilder(Commands commands, Function<String, List<String>> existingPartitions, DeviceNodes nodes,
            Path workDir, boolean withoutUdev) {
        this.commands = commands;
        this.existingPartitions = existingPartitions;
        this.nodes = nodes;
        this.workDir = workDir;
        this.withoutUdev = withoutUdev;
    }

    public void build(RestorePlan plan, ProgressLine progress) throws ToolException, IOException {
        Layout t = plan.target();
        Lvm lvm = new Lvm(commands, withoutUdev);
        Mdadm mdadm = new Mdadm(commands);
        Wipefs wipefs = new Wipefs(commands);
        progress.say("releasing the target disks (LVM, md) and wiping their old signatures");
        lvm.deactivateAll();
        mdadm.stopAll();
        for (String disk : plan.targetDisks()) {
            for (String part : existingPartitions.apply(disk)) {
                mdadm.zeroSuperblock(part);
                wipefs.wipe(part);
            }
            wipefs.wipe(disk);
        }
        Sfdisk sfdisk = new Sfdisk(commands);
        for (Disk d : t.disks()) {
            if (d.partitions().isEmpty()) continue;
            progress.say("partitioning " + d.device() + " (" + d.table().text() + ", " + d.partitions().size() + " partitions)");
            sfdisk.write(d);
            nodes.await(d.partitions().stream().map(Partition::device).toList());
        }
        for (MdArray m : t.mdArrays()) {
            progress.say("creating " + m.device() + " (" + m.level() + ")");
            for (MdArray.Member member : m.members()) wipefs.wipe(member.device());
            mdadm.create(m);
            nodes.await(List.of(m.device()));
        }
        for (VolumeGroup vg : t.volumeGroups()) {
            progress.say("creating LVM volume group " + vg.name());
            buildVg(lvm, t, vg);
            nodes.await(t.logicalVolumes().stream().filter(l -> l.vg().equals(vg.name())).map(LogicalVolume::device).toList());
        }
        Mkfs mkfs = new Mkfs(commands);
        for (FileSystem fs : t.fileSystems()) {
            if (!Mkfs.TYPES.contains(fs.type())) {
                progress.say("left " + fs.device() + " empty: Mondo does not make " + fs.type() + " filesystems");
                continue;
            }
            progress.say("making " + fs.type() + " on " + fs.device() + (fs.label().isEmpty() ? "" : " (" + fs.label() + ")"));
            mkfs.make(fs, plan.exact()); // exact: same device sizes, so the same counts too
            if (fs.options() instanceof FsOptions.Btrfs b && !b.subvolumes().isEmpty()) subvolumes(fs, b);
        }
        for (Swap s : t.swaps()) {
            progress.say("making swap on " + s.device());
            mkfs.makeSwap(s);
        }
    }

    /** Subvolumes by path, parents first (ids differ on a new filesystem; paths and the default do not). */
    private void subvolumes(FileSystem fs, FsOptions.Btrfs b) throws ToolException, IOException {
        Path top = Files.createDirectories(workDir.resolve("btrfs-top"));
        Mounter mounter = new Mounter(commands);
        mounter.mount(fs.device(), top.toString(), "btrfs", "subvolid=5");
        try {
            Btrfs btrfs = new Btrfs(commands);
            List<FsOptions.BtrfsSubvolume> ordered = b.subvolumes().stream()
                    .sorted(java.util.Comparator.comparingInt(s -> s.path().split("/").length)).toList();
            for (FsOptions.BtrfsSubvolume s : ordered) btrfs.createSubvolume(top.resolve(s.path()).toString());
            for (FsOptions.BtrfsSubvolume s : ordered) {
                if (s.id() == b.defaultSubvolume()) btrfs.setDefault(top.resolve(s.path()).toString());
            }
        } finally {
            mounter.unmount(top.toString());
        }
    }

    private void buildVg(Lvm lvm, Layout t, VolumeGroup vg) throws ToolException, IOException {
        List<LvmPv> pvs = t.physicalVolumes().stream().filter(p -> p.vg().equals(vg.name())).toList();
        if (!vg.metadata().isEmpty()) {
            Path file = workDir.resolve("vgcfg-" + vg.name() + ".conf");
            Files.writeString(file, vg.metadata());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            for (LvmPv pv : pvs) lvm.createPv(pv, file.toString());
            lvm.restoreVg(vg.name(), file.toString());
        } else {
            List<String> devices = new ArrayList<>();
            for (LvmPv pv : pvs) {
                lvm.createPv(pv, null);
                devices.add(pv.device());
            }
            lvm.createVg(vg, devices);
            for (LogicalVolume lv : t.logicalVolumes()) {
                if (lv.vg().equals(vg.name())) lvm.createLv(lv, vg.extentSizeBytes());
            }
        }
        lvm.activate(vg.name());
        LOG.info("volume group " + vg.name() + " ready");
    }
}
