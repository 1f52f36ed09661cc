package org.mondo.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The guest's firmware: SeaBIOS (QEMU's default) or UEFI (OVMF). For UEFI a split CODE/VARS pair runs as
 * pflash with a per-VM copy of VARS; a lone {@code OVMF.fd} is passed with {@code -bios}. The OVMF files are
 * also copied into the test cache and used from there if the ovmf package disappears (other sessions on
 * shared hosts have removed it).
 */
public final class Firmware {
    private static final List<String[]> PAIRS = List.of(
            new String[] {"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"},
            new String[] {"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"});
    private static final String[] SINGLE = {"/usr/share/ovmf/OVMF.fd", "/usr/share/qemu/OVMF.fd"};

    private final boolean uefi;

    private Firmware(boolean uefi) {
        this.uefi = uefi;
    }

    public static Firmware bios() {
        return new Firmware(false);
    }

    public static Firmware uefi() {
        return new Firmware(true);
    }

    public boolean isUefi() {
        return uefi;
    }

    /** The QEMU options; for a pflash pair copies VARS to {@code workDir/<name>-OVMF_VARS.fd}. */
    List<String> qemuArgs(Path workDir, String name) throws IOException {
        if (!uefi) {
            return List.of();
        }
        Path cache = TestImages.cacheDir().resolve("ovmf");
        for (String[] pair : PAIRS) {
            Path code = cached(Path.of(pair[0]), cache);
            Path vars = cached(Path.of(pair[1]), cache);
            if (code != null && vars != null) {
                Path myVars = workDir.resolve(name + "-OVMF_VARS.fd");
                Files.copy(vars, myVars, StandardCopyOption.REPLACE_EXISTING);
                return List.of(
                        "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + Disk.escape(code),
                        "-drive", "if=pflash,format=raw,unit=1,file=" + Disk.escape(myVars));
            }
        }
        for (String single : SINGLE) {
            Path bios = cached(Path.of(single), cache);
            if (bios != null) {
                return List.of("-bios", bios.toString());
            }
        }
        throw new IOException("no OVMF firmware: install the Debian package ovmf (or keep a copy in " + cache + ")");
    }

    /** {@code installed}, copied into {@code cache} once; or that copy when the package is gone; else null. */
    private static Path cached(Path installed, Path cache) throws IOException {
        Path copy = cache.resolve(installed.getParent().getFileName() + "-" + installed.getFileName());
        if (Files.isRegularFile(installed)) {
            if (!Files.isRegularFile(copy)) {
                Files.createDirectories(cache);
                Path tmp = Files.createTempFile(cache, "copy", ".tmp");
                Files.copy(installed, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return installed;
        }
        return Files.isRegularFile(copy) ? copy : null;
    }

    @Override
    public String toString() {
        return uefi ? "UEFI (OVMF)" : "BIOS (SeaBIOS)";
    }
}
