package org.mondo.restore.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.MdArray;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.tools.Chroot;
import org.mondo.tools.ToolException;

/**
 * Rebuilds the restored system's initramfs only when it could not boot the new machine: a
 * filesystem or md array the boot needs got a new UUID, or the driver of the new disks (virtio_blk,
 * nvme, ahci…) is not in the initramfs the backup had. Rebuilding costs minutes on a slow machine,
 * and Debian's default initramfs carries most storage drivers already.
 */
public final class InitramfsStep {
    private final Chroot chroot;
    private final ProgressLine progress;

    public InitramfsStep(Chroot chroot, ProgressLine progress) {
        this.chroot = chroot;
        this.progress = progress;
    }

    public void run(RestorePlan plan) throws ToolException, java.io.IOException {
        List<String> why = new ArrayList<>(newIds(plan));
        List<Path> images = images(chroot.root());
        if (why.isEmpty()) {
            Set<String> drivers = drivers(plan.target());
            for (Path image : images) {
                String listing = list(image);
                for (String d : drivers) {
                    if (!listing.contains("/" + d + ".ko")) why.add(d + " is not in " + image.getFileName());
                }
            }
        }
        if (why.isEmpty()) {
            progress.say("the initramfs has the drivers for these disks and the same UUIDs: not rebuilt");
            return;
        }
        progress.say("rebuilding the initramfs: " + String.join("; ", why));
        if (chroot.has("/usr/sbin/update-initramfs")) chroot.run("/usr/sbin/update-initramfs", "-u", "-k", "all");
        else if (chroot.has("/usr/bin/dracut")) chroot.run("/usr/bin/dracut", "-f", "--regenerate-all");
        else if (chroot.has("/usr/sbin/dracut")) chroot.run("/usr/sbin/dracut", "-f", "--regenerate-all");
        else progress.say("no update-initramfs or dracut in the restored system: the initramfs is as it was");
    }

    /** Filesystems and arrays whose UUID the restore could not keep (made anew in interactive mode). */
    static List<String> newIds(RestorePlan plan) {
        List<String> out = new ArrayList<>();
        for (FileSystem f : plan.target().fileSystems()) {
            if (f.uuid().isEmpty()) out.add(f.device() + " has a new UUID");
        }
        for (MdArray m : plan.target().mdArrays()) {
            if (m.uuid().isEmpty()) out.add(m.device() + " has a new UUID");
        }
        return out;
    }

    /** The kernel modules that drive the target disks, from their names. */
    static Set<String> drivers(Layout t) {
        Set<String> out = new LinkedHashSet<>();
        for (var d : t.disks()) {
            String n = d.device().substring(d.device().lastIndexOf('/') + 1);
            if (n.startsWith("vd")) out.add("virtio_blk");
            else if (n.startsWith("nvme")) out.add("nvme");
            else if (n.startsWith("sd")) out.add("sd_mod");
            else if (n.startsWith("mmcblk")) out.add("mmc_block");
        }
        return out;
    }

    private static List<Path> images(Path root) throws java.io.IOException {
        Path boot = root.resolve("boot");
        if (!Files.isDirectory(boot)) return List.of();
        try (Stream<Path> s = Files.list(boot)) {
            return s.filter(p -> p.getFileName().toString().matches("(initrd\\.img|initramfs)-.*")).sorted().toList();
        }
    }

    /** The initramfs's file list; a driver built into the kernel is not a .ko, so an unreadable image counts as missing. */
    private String list(Path image) {
        try {
            if (chroot.has("/usr/bin/lsinitramfs")) return chroot.run("/usr/bin/lsinitramfs", "/boot/" + image.getFileName());
            if (chroot.has("/usr/bin/lsinitrd")) return chroot.run("/usr/bin/lsinitrd", "/boot/" + image.getFileName());
        } catch (ToolException e) {
            progress.say("cannot list " + image.getFileName() + ": " + e.getMessage());
        }
        return "";
    }
}
