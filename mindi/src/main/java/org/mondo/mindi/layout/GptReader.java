package org.mondo.mindi.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.mondo.layout.Partition;
import org.mondo.layout.PartitionNaming;
import org.mondo.layout.PartitionTypes;
import org.mondo.layout.TableType;

/**
 * Reads a GPT: the header at LBA 1 and its entry array, both checked by CRC32 as the UEFI spec
 * says; if the primary is damaged, the backup header at the last LBA (and its own entries). A
 * damaged backup beside a good primary is only a warning: the restore writes both anew.
 */
final class GptReader {
    static final String SIGNATURE = "EFI PART";
    private static final int MAX_ARRAY_BYTES = 4 << 20;

    private GptReader() {}

    /** The parsed header, or null when the sector holds no valid one. */
    record Header(long currentLba, long backupLba, long firstLba, long lastLba, String diskGuid, long entriesLba,
            int entries, int entrySize, long entriesCrc) {}

    static boolean hasSignature(byte[] sector) {
        return Bytes.contains(sector, 8, SIGNATURE);
    }

    static PartitionTable read(SectorReader disk, int sectorSize, String diskDevice) throws IOException {
        long lastLba = disk.size() / sectorSize - 1;
        List<String> warnings = new ArrayList<>();
        Header primary = header(disk, sectorSize, 1);
        byte[] primaryArray = primary == null ? null : entryArray(disk, sectorSize, primary);
        long backupAt = primary != null ? primary.backupLba() : lastLba;
        Header backup = backupAt > 1 && backupAt <= lastLba ? header(disk, sectorSize, backupAt) : null;
        byte[] backupArray = backup == null ? null : entryArray(disk, sectorSize, backup);
        if (primary == null || primaryArray == null) {
            if (backup == null || backupArray == null) {
                throw new IOException("GPT damaged: neither the primary nor the backup header and entries pass "
                        + "their CRC checks");
            }
            warnings.add("the primary GPT is damaged; read the backup at LBA " + backupAt);
            return table(backup, backupArray, diskDevice, warnings);
        }
        if (backup == null || backupArray == null) {
            warnings.add("the backup GPT at LBA " + backupAt + " is missing or damaged");
        }
        if (primary.backupLba() != lastLba) {
            warnings.add("the GPT does not end at the disk's last sector (LBA " + primary.backupLba() + " of "
                    + lastLba + "): the disk was grown or the image copied to a larger one");
        }
        return table(primary, primaryArray, diskDevice, warnings);
    }

    private static PartitionTable table(Header h, byte[] array, String diskDevice, List<String> warnings) {
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < h.entries(); i++) {
            int off = i * h.entrySize();
            if (Bytes.allZero(array, off, 16)) continue;
            String type = Bytes.guid(array, off);
            long attrs = Bytes.u64(array, off + 48);
            int number = i + 1;
            parts.add(new Partition(PartitionNaming.partition(diskDevice, number), number, Partition.Role.PRIMARY,
                    Bytes.u64(array, off + 32), Bytes.u64(array, off + 40), type, Bytes.guid(array, off + 16),
                    name(array, off + 56, h.entrySize() - 56), attrs,
                    PartitionTypes.flags(TableType.GPT, type, attrs, false)));
        }
        return new PartitionTable(TableType.GPT, h.diskGuid(), h.firstLba(), h.lastLba(), h.entries(), parts, warnings);
    }

    /** The UTF-16LE name, up to its first NUL. */
    private static String name(byte[] b, int off, int max) {
        int len = 0;
        while (len + 1 < max && (b[off + len] != 0 || b[off + len + 1] != 0)) len += 2;
        return new String(b, off, len, StandardCharsets.UTF_16LE);
    }

    static Header header(SectorReader disk, int sectorSize, long lba) throws IOException {
        byte[] s = disk.read(lba * sectorSize, sectorSize);
        if (!hasSignature(s)) return null;
        long size = Bytes.u32(s, 12);
        if (size < 92 || size > sectorSize) return null;
        long stored = Bytes.u32(s, 16);
        byte[] copy = s.clone();
        for (int i = 16; i < 20; i++) copy[i] = 0;
        CRC32 crc = new CRC32();
        crc.update(copy, 0, (int) size);
        if (crc.getValue() != stored || Bytes.u64(s, 24) != lba) return null;
        long entries = Bytes.u32(s, 80);
        long entrySize = Bytes.u32(s, 84);
        if (entrySize < 128 || entrySize % 128 != 0 || entries * entrySize > MAX_ARRAY_BYTES) return null;
        return new Header(lba, Bytes.u64(s, 32), Bytes.u64(s, 40), Bytes.u64(s, 48), Bytes.guid(s, 56),
                Bytes.u64(s, 72), (int) entries, (int) entrySize, Bytes.u32(s, 88));
    }

    /** The entry array, or null when its CRC does not match the header's. */
    static byte[] entryArray(SectorReader disk, int sectorSize, Header h) throws IOException {
        byte[] array = disk.read(h.entriesLba() * sectorSize, h.entries() * h.entrySize());
        CRC32 crc = new CRC32();
        crc.update(array);
        return crc.getValue() == h.entriesCrc() ? array : null;
    }
}
