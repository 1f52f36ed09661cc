package org.mondo.layout;

import java.util.List;

/** The creation options of a filesystem that a restore must repeat; one record per family. */
public sealed interface FsOptions {
    FsOptions NONE = new None();

    /** No options recorded (types Mondo does not know how to tune). */
    record None() implements FsOptions {}

    /**
     * ext2/3/4 from dumpe2fs: the feature list as mke2fs -O takes it (state flags such as
     * needs_recovery left out), block and inode size, inode and block counts, reserved blocks.
     */
    record Ext(List<String> features, int blockSize, int inodeSize, long inodeCount, long blockCount,
            long reservedBlocks) implements FsOptions {
        public Ext {
            features = List.copyOf(features);
        }
    }

    /**
     * xfs from xfs_info: inode, block and sector size, allocation groups, log size in bytes and
     * whether the log is internal, the v5 feature bits (1/0; -1 when xfs_info did not report it,
     * as older versions do not), naming ftype, and the stripe unit/width in blocks.
     */
    record Xfs(int isize, int bsize, int sectsz, int agcount, long logBytes, boolean logInternal, int crc,
            int finobt, int sparse, int rmapbt, int reflink, int bigtime, int inobtcount, int ftype, long sunit,
            long swidth) implements FsOptions {}

    /** vfat from its boot sector: FAT width (12, 16, 32), sector and cluster size in bytes. */
    record Vfat(int fatBits, int sectorSize, int clusterSize) implements FsOptions {}

    /** btrfs: its subvolumes and the default one (5, the top level, unless set). */
    record Btrfs(long defaultSubvolume, List<BtrfsSubvolume> subvolumes) implements FsOptions {
        public Btrfs {
            subvolumes = List.copyOf(subvolumes);
        }
    }

    /** One btrfs subvolume: id, parent id and path from the top level. */
    record BtrfsSubvolume(long id, long parent, String path) {}
}
