package org.mondo.mindi.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The BIOS side of volume 1: isolinux.bin and ldlinux.c32 (Debian's isolinux and syslinux-common
 * packages), and the arguments that make xorriso write an El Torito BIOS entry, the UEFI entry and
 * a hybrid MBR/GPT so that the image also boots from a USB disk it was dd'ed to.
 */
public final class IsolinuxFiles {
    static final List<Path> ISOLINUX_BIN = List.of(Path.of("/usr/lib/ISOLINUX/isolinux.bin"),
            Path.of("/usr/lib/syslinux/isolinux.bin"), Path.of("/usr/share/syslinux/isolinux.bin"));
    static final List<Path> LDLINUX = List.of(Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32"),
            Path.of("/usr/share/syslinux/ldlinux.c32"));
    static final List<Path> HYBRID_MBR = List.of(Path.of("/usr/lib/ISOLINUX/isohdpfx.bin"),
            Path.of("/usr/share/syslinux/isohdpfx.bin"));

    private IsolinuxFiles() {}

    static Path first(List<Path> candidates, String what, String pkg) throws IOException {
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        throw new IOException(what + " not found: install the Debian package " + pkg);
    }

    /** Copies the loader into STAGING/boot/isolinux. */
    public static void install(Path staging) throws IOException {
        Path dir = Files.createDirectories(staging.resolve("boot/isolinux"));
        Files.copy(first(ISOLINUX_BIN, "isolinux.bin", "isolinux"), dir.resolve("isolinux.bin"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first(LDLINUX, "ldlinux.c32", "syslinux-common"), dir.resolve("ldlinux.c32"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** xorriso -as mkisofs arguments for BIOS + UEFI + hybrid boot (paths relative to the staging root). */
    public static List<String> xorrisoArgs() throws IOException {
        return List.of(
                "-isohybrid-mbr", first(HYBRID_MBR, "isohdpfx.bin", "isolinux").toString(),
                "-b", "boot/isolinux/isolinux.bin", "-c", "boot/isolinux/boot.cat",
                "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot", "-isohybrid-gpt-basdat");
    }
}
