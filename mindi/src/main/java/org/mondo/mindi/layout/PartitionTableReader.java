package org.mondo.mindi.layout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out which partition table a disk has and reads it: a protective (or hybrid) MBR means
 * GPT; a GPT header without one is still read (with a warning); a valid MBR means MBR; anything
 * else (a whole-disk PV, md member or filesystem) means none.
 */
public final class PartitionTableReader {
    private PartitionTableReader() {}

    public static PartitionTable read(SectorReader disk, int sectorSize, String diskDevice) throws IOException {
        if (disk.size() < 2L * sectorSize) return PartitionTable.NONE;
        byte[] s0 = disk.read(0, sectorSize);
        if (MbrReader.hasSignature(s0) && MbrReader.isProtective(s0)) {
            return GptReader.read(disk, sectorSize, diskDevice);
        }
        if (GptReader.hasSignature(disk.read(sectorSize, sectorSize))
                && GptReader.header(disk, sectorSize, 1) != null) {
            PartitionTable t = GptReader.read(disk, sectorSize, diskDevice);
            List<String> w = new ArrayList<>(t.warnings());
            w.add("GPT without a protective MBR in sector 0");
            return new PartitionTable(t.type(), t.id(), t.firstLba(), t.lastLba(), t.entries(), t.partitions(), w);
        }
        if (MbrReader.looksLikeMbr(s0)) return MbrReader.read(disk, sectorSize, diskDevice);
        return PartitionTable.NONE;
    }
}
