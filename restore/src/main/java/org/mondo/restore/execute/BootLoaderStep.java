package org.mondo.restore.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.mondo.layout.BootLoader;
import org.mondo.layout.Disk;
import org.mondo.layout.EfiBootEntry;
import org.mondo.layout.Firmware;
import org.mondo.layout.Layout;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.tools.Chroot;
import org.mondo.restore.tools.EfiBootMgr;
import org.mondo.tools.ToolException;

/**
 * Makes the restored disks bootable again with the restored system's own GRUB: grub-install into
 * every disk the backup had GRUB's boot code on (BIOS), and for UEFI the NVRAM entries the backup
 * recorded, pointing at the restored ESP (its files came back with the restore); grub-install for
 * UEFI when no entry could be made. After a change of disks or sizes, grub.cfg is made anew.
 */
public final class BootLoaderStep {
    private final Chroot chroot;
    private final EfiBootMgr efibootmgr;
    private final ProgressLine progress;

    public BootLoaderStep(Chroot chroot, EfiBootMgr efibootmgr, ProgressLine progress) {
        this.chroot = chroot;
        this.efibootmgr = efibootmgr;
        this.progress = progress;
    }

    public void install(RestorePlan plan, boolean uefiFirmwareHere) throws ToolException {
        Layout t = plan.target();
        String grubInstall = chroot.has("/usr/sbin/grub-install") ? "/usr/sbin/grub-install"
                : chroot.has("/usr/sbin/grub2-install") ? "/usr/sbin/grub2-install" : null;
        if (grubInstall == null) {
            progress.say("the restored system has no grub-install: boot loader not reinstalled");
            return;
        }
        List<BootLoader> bios = t.bootLoaders().stream().filter(b -> b.kind() == BootLoader.Kind.GRUB_PC).toList();
        for (BootLoader b : bios) {
            progress.say("installing GRUB (BIOS) on " + b.device());
            chroot.run(grubInstall, "--target=i386-pc", "--recheck", b.device());
        }
        if (bios.isEmpty() && t.firmware() == Firmware.BIOS && !t.disks().isEmpty()) {
            String disk = t.disks().getFirst().device();
            progress.say("the backup recorded no boot loader: installing GRUB (BIOS) on " + disk);
            chroot.run(grubInstall, "--target=i386-pc", "--recheck", disk);
        }
        if (t.firmware() == Firmware.UEFI) uefi(t, grubInstall, uefiFirmwareHere);
        if (!plan.exact()) {
            progress.say("making grub.cfg for the new disks");
            if (chroot.has("/usr/sbin/update-grub")) chroot.run("/usr/sbin/update-grub");
            else if (chroot.has("/usr/sbin/grub2-mkconfig")) chroot.run("/usr/sbin/grub2-mkconfig", "-o", "/boot/grub2/grub.cfg");
            else chroot.run("/usr/sbin/grub-mkconfig", "-o", "/boot/grub/grub.cfg");
        }
    }

    private void uefi(Layout t, String grubInstall, boolean uefiFirmwareHere) throws ToolException {
        String espDir = t.mounts().stream().filter(m -> m.mountpoint().equals("/boot/efi") || m.mountpoint().equals("/efi"))
                .map(Mount::mountpoint).findFirst().orElse("/boot/efi");
        if (!uefiFirmwareHere) {
            progress.say("this machine did not boot by UEFI: no NVRAM entry made");
            removable(grubInstall, espDir);
            return;
        }
        int made = 0;
        boolean failed = false;
        for (EfiBootEntry e : t.efiBootEntries()) {
            if (e.partUuid().isEmpty() || e.file().isEmpty()) continue;
            Optional<Partition> esp = partitionWithUuid(t, e.partUuid());
            if (esp.isEmpty()) continue;
            Disk disk = diskOf(t, esp.get());
            progress.say("UEFI boot entry '" + e.label() + "' -> " + esp.get().device() + " " + e.file());
            try {
                efibootmgr.create(disk.device(), esp.get().number(), e.label(), e.file());
                made++;
            } catch (ToolException x) {
                progress.say("the NVRAM entry could not be written: " + x.getMessage());
                failed = true;
            }
        }
        if (failed) {
            removable(grubInstall, espDir);
        } else if (made == 0) {
            progress.say("no UEFI boot entry to copy: grub-install --target=x86_64-efi");
            chroot.run(grubInstall, "--target=x86_64-efi", "--efi-directory=" + espDir, "--recheck");
        }
    }

    /**
     * GRUB also at the ESP's fallback path (\EFI\BOOT\BOOTX64.EFI), which firmware boots without an
     * NVRAM entry: for machines whose NVRAM could not be written (or that did not boot by UEFI now).
     */
    private void removable(String grubInstall, String espDir) throws ToolException {
        progress.say("copying GRUB to the ESP's fallback path \\EFI\\BOOT\\BOOTX64.EFI (boots without an NVRAM entry)");
        chroot.run(grubInstall, "--target=x86_64-efi", "--efi-directory=" + espDir, "--removable", "--no-nvram");
    }

    private static Optional<Partition> partitionWithUuid(Layout t, String uuid) {
        return t.disks().stream().flatMap(d -> d.partitions().stream()).filter(p -> p.uuid().equalsIgnoreCase(uuid)).findFirst();
    }

    private static Disk diskOf(Layout t, Partition p) {
        return t.disks().stream().filter(d -> d.partitions().contains(p)).findFirst().orElseThrow();
    }

    /** Whether the environment running the restore booted by UEFI (then it can write NVRAM entries). */
    public static boolean uefiHere() {
        return Files.isDirectory(Path.of("/sys/firmware/efi"));
    }
}
