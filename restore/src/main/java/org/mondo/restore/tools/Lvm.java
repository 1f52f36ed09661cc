package org.mondo.restore.tools;

import java.util.ArrayList;
import java.util.List;

import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.VolumeGroup;
import org.mondo.tools.ToolException;

/**
 * lvm: physical volumes with their UUIDs, then either the volume group's vgcfgbackup restored
 * (the same extents) or, after a resize, the group and its logical volumes made anew. In a boot
 * environment without udev, LVM is told to make its device nodes itself.
 */
public final class Lvm {
    private static final String NO_UDEV = "activation{udev_sync=0 udev_rules=0} devices{obtain_device_list_from_udev=0}";
    private final Commands commands;
    private final boolean withoutUdev;

    public Lvm(Commands commands, boolean withoutUdev) {
        this.commands = commands;
        this.withoutUdev = withoutUdev;
    }

    private List<String> lvm(String... args) {
        List<String> a = new ArrayList<>(List.of("lvm"));
        a.add(args[0]);
        if (withoutUdev) a.addAll(List.of("--config", NO_UDEV));
        for (int i = 1; i < args.length; i++) a.add(args[i]);
        return a;
    }

    /** The PV with its UUID; {@code restoreFile} is the vgcfgbackup text's file, or null for a new VG. */
    public void createPv(LvmPv pv, String restoreFile) throws ToolException {
        commands.check(restoreFile != null
                ? lvm("pvcreate", "-ff", "-y", "--uuid", pv.uuid(), "--restorefile", restoreFile, pv.device())
                : lvm("pvcreate", "-ff", "-y", "--uuid", pv.uuid(), "--norestorefile", pv.device()));
    }

    public void restoreVg(String vg, String restoreFile) throws ToolException {
        commands.check(lvm("vgcfgrestore", "-f", restoreFile, vg));
    }

    public void createVg(VolumeGroup vg, List<String> pvDevices) throws ToolException {
        List<String> a = lvm("vgcreate", "-y", "-s", (vg.extentSizeBytes() / 1024) + "k", vg.name());
        a.addAll(pvDevices);
        commands.check(a);
    }

    public void createLv(LogicalVolume lv, long extentSizeBytes) throws ToolException {
        List<String> a = lvm("lvcreate", "-y", "-Wy", "-Zy", "-n", lv.name(), "-l",
                String.valueOf(lv.sizeBytes() / extentSizeBytes));
        if (lv.stripes() > 1) {
            a.addAll(List.of("-i", String.valueOf(lv.stripes())));
            if (lv.stripeSizeBytes() > 0) a.addAll(List.of("-I", (lv.stripeSizeBytes() / 1024) + "k"));
        }
        if (lv.segmentType().startsWith("raid")) a.addAll(List.of("--type", lv.segmentType()));
        a.add(lv.vg());
        commands.check(a);
    }

    public void activate(String vg) throws ToolException {
        commands.check(lvm("vgchange", "-ay", vg));
        if (withoutUdev) commands.status(lvm("vgmknodes", vg));
    }

    /** Deactivates every VG, so the disks under them can be wiped. */
    public void deactivateAll() throws ToolException {
        commands.status(lvm("vgchange", "-an"));
    }
}
