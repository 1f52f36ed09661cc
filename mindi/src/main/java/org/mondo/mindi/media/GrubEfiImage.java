package org.mondo.mindi.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mondo.tools.CommandRunner;

/**
 * The UEFI boot image of volume 1: a small FAT file system holding EFI/BOOT/BOOTX64.EFI, a
 * standalone GRUB that finds the volume by its label and reads /boot/grub/grub.cfg from it.
 * Made with grub-mkstandalone (grub-efi-amd64-bin), mkfs.vfat (dosfstools) and mtools.
 */
public final class GrubEfiImage {
    /** Modules GRUB needs to read the volume and boot Linux; fewer modules, smaller image. */
    static final String MODULES = "linux normal iso9660 search search_label search_fs_file configfile serial "
            + "terminal part_gpt part_msdos fat echo test gzio efi_gop all_video";

    private GrubEfiImage() {}

    public static void build(Path efiImage, String volumeLabel, Path work) throws IOException {
        Files.createDirectories(work);
        Path embedded = work.resolve("grub-embedded.cfg");
        Files.writeString(embedded, String.join("\n",
                // GRUB's modules are in its memdisk; the prefix is relative to $root, which search changes to the volume.
                "set prefix=(memdisk)/boot/grub",
                "search --no-floppy --label --set=root " + volumeLabel,
                "configfile ($root)/boot/grub/grub.cfg",
                ""));
        Path efi = work.resolve("BOOTX64.EFI");
        CommandRunner.check(List.of("grub-mkstandalone", "-O", "x86_64-efi", "-o", efi.toString(),
                "--install-modules=" + MODULES, "--modules=" + "part_gpt part_msdos iso9660 search_label serial",
                "--locales=", "--fonts=", "--themes=",
                "boot/grub/grub.cfg=" + embedded));
        long kib = Files.size(efi) / 1024 + 512;
        Files.deleteIfExists(efiImage);
        CommandRunner.check(List.of("mkfs.vfat", "-C", "-n", "MONDO_EFI", efiImage.toString(), Long.toString(kib)));
        CommandRunner.check(List.of("mmd", "-i", efiImage.toString(), "::/EFI", "::/EFI/BOOT"));
        CommandRunner.check(List.of("mcopy", "-i", efiImage.toString(), efi.toString(), "::/EFI/BOOT/BOOTX64.EFI"));
    }
}
