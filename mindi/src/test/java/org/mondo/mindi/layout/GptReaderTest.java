package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Partition;
import org.mondo.layout.TableType;

/** The GPT reader against real GPTs (sfdisk's, on an NVMe disk and on a 4Kn loop device), checked with sfdisk -d. */
class GptReaderTest {

    @Test
    void readsTheNvmeGptAsSfdiskDoes() throws IOException {
        PartitionTable t = PartitionTableReader.read(Captures.disk(Captures.VM, "sectors-nvme0n1.txt"), 512, "/dev/nvme0n1");
        assertSameAsSfdisk(SfdiskDump.parse(Captures.file(Captures.VM, "sfdisk-d-nvme0n1.txt")), t);
        assertEquals(List.of(), t.warnings());
        assertEquals(128, t.entries());
        assertEquals(List.of("esp"), t.partitions().get(0).flags());
        assertEquals(List.of("bios_grub"), t.partitions().get(1).flags());
        assertEquals(List.of("legacy_boot"), t.partitions().get(2).flags());
        assertEquals(4L, t.partitions().get(2).attributes());
        assertEquals(List.of("lvm"), t.partitions().get(3).flags());
        assertEquals("/dev/nvme0n1p4", t.partitions().get(3).device());
    }

    @Test
    void readsA4096ByteSectorGpt() throws IOException {
        SparseDisk disk = Captures.disk(Captures.GPT_4K, "sectors.txt");
        PartitionTable t = PartitionTableReader.read(disk, 4096, "/dev/loop0");
        assertSameAsSfdisk(SfdiskDump.parse(Captures.file(Captures.GPT_4K, "sfdisk-d.txt")), t);
        assertEquals("/dev/loop0p3", t.partitions().get(2).device());
        assertEquals("root fs", t.partitions().get(1).name());
    }

    @Test
    void the4KnGptReadWith512ByteSectorsIsNotFound() {
        // The header is at byte 4096, not 512: the sector size must come from the device, not be assumed.
        SparseDisk disk = Captures.disk(Captures.GPT_4K, "sectors.txt");
        assertThrows(IOException.class, () -> PartitionTableReader.read(disk, 512, "/dev/loop0"));
    }

    @Test
    void aDamagedPrimaryHeaderFallsBackToTheBackup() throws IOException {
        SparseDisk disk = Captures.disk(Captures.VM, "sectors-nvme0n1.txt").withByteFlipped(512 + 60);
        PartitionTable t = PartitionTableReader.read(disk, 512, "/dev/nvme0n1");
        assertSameAsSfdisk(SfdiskDump.parse(Captures.file(Captures.VM, "sfdisk-d-nvme0n1.txt")), t);
        assertTrue(t.warnings().getFirst().contains("primary GPT is damaged"), t.warnings().toString());
    }

    @Test
    void damagedPrimaryEntriesFallBackToTheBackup() throws IOException {
        SparseDisk disk = Captures.disk(Captures.VM, "sectors-nvme0n1.txt").withByteFlipped(2 * 512 + 60);
        PartitionTable t = PartitionTableReader.read(disk, 512, "/dev/nvme0n1");
        assertEquals(4, t.partitions().size());
        assertTrue(t.warnings().getFirst().contains("primary GPT is damaged"), t.warnings().toString());
    }

    @Test
    void aDamagedBackupIsOnlyAWarning() throws IOException {
        SparseDisk disk = Captures.disk(Captures.VM, "sectors-nvme0n1.txt");
        disk = disk.withByteFlipped(disk.size() - 512 + 30);
        PartitionTable t = PartitionTableReader.read(disk, 512, "/dev/nvme0n1");
        assertEquals(4, t.partitions().size());
        assertTrue(t.warnings().getFirst().contains("backup GPT"), t.warnings().toString());
    }

    @Test
    void bothCopiesDamagedIsAnError() throws IOException {
        SparseDisk disk = Captures.disk(Captures.VM, "sectors-nvme0n1.txt");
        SparseDisk both = disk.withByteFlipped(512 + 60).withByteFlipped(disk.size() - 512 + 30);
        IOException e = assertThrows(IOException.class, () -> PartitionTableReader.read(both, 512, "/dev/nvme0n1"));
        assertTrue(e.getMessage().contains("neither the primary nor the backup"), e.getMessage());
    }

    /** Every partition as sfdisk -d lists it: start, size, type, uuid, name, attrs; and the disk's label-id and range. */
    static void assertSameAsSfdisk(SfdiskDump d, PartitionTable t) {
        assertEquals(TableType.GPT, t.type());
        assertEquals(d.header().get("label-id"), t.id());
        assertEquals(Long.parseLong(d.header().get("first-lba")), t.firstLba());
        assertEquals(Long.parseLong(d.header().get("last-lba")), t.lastLba());
        assertEquals(d.partitions().size(), t.partitions().size());
        for (int i = 0; i < t.partitions().size(); i++) {
            Map<String, String> s = d.partitions().get(i);
            Partition p = t.partitions().get(i);
            String what = s.get("device");
            assertEquals(Long.parseLong(s.get("start")), p.start(), what);
            assertEquals(Long.parseLong(s.get("size")), p.sectors(), what);
            assertEquals(s.get("type"), p.type(), what);
            assertEquals(s.get("uuid"), p.uuid(), what);
            assertEquals(s.getOrDefault("name", ""), p.name(), what);
            // The only attribute these captures use is LegacyBIOSBootable, bit 2.
            assertEquals(s.containsKey("attrs") ? 4L : 0L, p.attributes(), what);
            assertEquals(s.get("device"), p.device(), what);
        }
    }
}
