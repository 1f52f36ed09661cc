package org.mondo.mindi.layout;

import org.mondo.layout.FsOptions;

/**
 * The FAT geometry from a vfat boot sector (BPB): the FAT width follows from the cluster count,
 * as the FAT spec defines it, which blkid's cached export does not show.
 */
final class VfatBootSector {
    private VfatBootSector() {}

    /** The options, or null when the sector holds no plausible BPB. */
    static FsOptions.Vfat parse(byte[] b) {
        if (b.length < 512) return null;
        int bps = Bytes.u16(b, 11);
        int spc = Bytes.u8(b, 13);
        int reserved = Bytes.u16(b, 14);
        int fats = Bytes.u8(b, 16);
        int rootEntries = Bytes.u16(b, 17);
        long total = Bytes.u16(b, 19) != 0 ? Bytes.u16(b, 19) : Bytes.u32(b, 32);
        long fatSize = Bytes.u16(b, 22) != 0 ? Bytes.u16(b, 22) : Bytes.u32(b, 36);
        if (bps < 512 || bps > 4096 || Integer.bitCount(bps) != 1 || spc == 0 || Integer.bitCount(spc) != 1
                || fats == 0 || reserved == 0 || total == 0 || fatSize == 0) {
            return null;
        }
        long rootSectors = (rootEntries * 32L + bps - 1) / bps;
        long data = total - (reserved + fats * fatSize + rootSectors);
        if (data <= 0) return null;
        long clusters = data / spc;
        int bits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
        return new FsOptions.Vfat(bits, bps, bps * spc);
    }
}
