package org.mondo.mindi.layout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mondo.layout.Partition;
import org.mondo.layout.PartitionNaming;
import org.mondo.layout.PartitionTypes;
import org.mondo.layout.TableType;

/**
 * Reads an MBR (DOS) partition table: four primary slots in sector 0, and for an extended
 * partition the chain of EBRs, each holding one logical partition (numbered from 5, in chain
 * order, as the kernel numbers them) and a link to the next EBR relative to the extended start.
 */
final class MbrReader {
    private static final int ENTRIES = 446;
    private static final int MAX_LOGICAL = 256;

    private MbrReader() {}

    static boolean hasSignature(byte[] sector) {
        return sector.length >= 512 && (sector[510] & 0xff) == 0x55 && (sector[511] & 0xff) == 0xaa;
    }

    /** A GPT's protective (or hybrid) MBR: some slot has type 0xEE. */
    static boolean isProtective(byte[] sector0) {
        for (int i = 0; i < 4; i++) {
            if (Bytes.u8(sector0, ENTRIES + 16 * i + 4) == 0xee) return true;
        }
        return false;
    }

    /**
     * Is this sector an MBR rather than the boot sector of a filesystem made on the whole disk
     * (FAT and NTFS also end in 55 AA)? Every slot's status byte must be 0x00 or 0x80, and a FAT or
     * NTFS signature must be absent.
     */
    static boolean looksLikeMbr(byte[] s) {
        if (!hasSignature(s)) return false;
        for (int i = 0; i < 4; i++) {
            int status = Bytes.u8(s, ENTRIES + 16 * i);
            if (status != 0 && status != 0x80) return false;
        }
        boolean fat = (Bytes.u8(s, 0) == 0xeb || Bytes.u8(s, 0) == 0xe9)
                && (Bytes.contains(s, 90, "FAT") || Bytes.contains(s, 512, "NTFS    "));
        return !fat;
    }

    static PartitionTable read(SectorReader disk, int sectorSize, String diskDevice) throws IOException {
        byte[] s0 = disk.read(0, sectorSize);
        String id = String.format("0x%08x", Bytes.u32(s0, 440));
        List<Partition> parts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long extStart = -1;
        long extEnd = -1;
        for (int i = 0; i < 4; i++) {
            int off = ENTRIES + 16 * i;
            int type = Bytes.u8(s0, off + 4);
            long start = Bytes.u32(s0, off + 8);
            long count = Bytes.u32(s0, off + 12);
            if (type == 0 || count == 0) continue;
            boolean extended = PartitionTypes.isExtended(type);
            if (extended && extStart < 0) {
                extStart = start;
                extEnd = start + count - 1;
            }
            parts.add(partition(diskDevice, i + 1, extended ? Partition.Role.EXTENDED : Partition.Role.PRIMARY,
                    start, count, type, Bytes.u8(s0, off) == 0x80, id));
        }
        if (extStart >= 0) logicals(disk, sectorSize, diskDevice, id, extStart, extEnd, parts, warnings);
        return new PartitionTable(TableType.MBR, id, 0, 0, 0, parts, warnings);
    }

    private static void logicals(SectorReader disk, int sectorSize, String diskDevice, String id, long extStart,
            long extEnd, List<Partition> parts, List<String> warnings) throws IOException {
        Set<Long> seen = new HashSet<>();
        long ebr = extStart;
        int number = 5;
        while (true) {
            if (!seen.add(ebr) || seen.size() > MAX_LOGICAL) {
                warnings.add("the chain of logical partitions loops at sector " + ebr + "; stopped there");
                return;
            }
            if (ebr < extStart || ebr > extEnd) {
                warnings.add("an EBR link points outside the extended partition (sector " + ebr + "); stopped there");
                return;
            }
            byte[] s = disk.read(ebr * sectorSize, sectorSize);
            if (!hasSignature(s)) {
                warnings.add("no EBR signature at sector " + ebr + "; logical partitions from there on are lost");
                return;
            }
            int type = Bytes.u8(s, ENTRIES + 4);
            long count = Bytes.u32(s, ENTRIES + 12);
            if (type != 0 && count != 0) {
                parts.add(partition(diskDevice, number++, Partition.Role.LOGICAL, ebr + Bytes.u32(s, ENTRIES + 8),
                        count, type, Bytes.u8(s, ENTRIES) == 0x80, id));
            }
            int nextType = Bytes.u8(s, ENTRIES + 16 + 4);
            long next = Bytes.u32(s, ENTRIES + 16 + 8);
            if (!PartitionTypes.isExtended(nextType) || Bytes.u32(s, ENTRIES + 16 + 12) == 0) return;
            ebr = extStart + next;
        }
    }

    private static Partition partition(String diskDevice, int number, Partition.Role role, long start, long count,
            int type, boolean boot, String diskId) {
        String t = String.format("%02x", type);
        // The kernel's PARTUUID for MBR: disk identifier and partition number.
        String uuid = String.format("%s-%02x", diskId.substring(2), number);
        return new Partition(PartitionNaming.partition(diskDevice, number), number, role, start, start + count - 1, t,
                uuid, "", 0, PartitionTypes.flags(TableType.MBR, t, 0, boot));
    }
}
