package org.mondo.mindi.layout;

import org.mondo.layout.BootLoader;

/**
 * Which boot loader's code is in a disk's sector 0, found as MondoRescue found it: GRUB's boot.img
 * carries the string "GRUB", LILO's "LILO", both within the 440 bytes of code before the disk id.
 */
final class BootCode {
    private static final int CODE_BYTES = 440;

    private BootCode() {}

    static BootLoader.Kind detect(byte[] sector0) {
        if (Bytes.contains(sector0, CODE_BYTES, "GRUB")) return BootLoader.Kind.GRUB_PC;
        if (Bytes.contains(sector0, CODE_BYTES, "LILO")) return BootLoader.Kind.LILO;
        return null;
    }
}
