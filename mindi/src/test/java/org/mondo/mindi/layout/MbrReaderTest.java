package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Partition;
import org.mondo.layout.TableType;

/** The MBR reader against real tables made by sfdisk (primary, extended, logical), checked with sfdisk -d. */
class MbrReaderTest {

    @Test
    void readsExtendedAndLogicalPartitionsAsSfdiskDoes() throws IOException {
        PartitionTable t = PartitionTableReader.read(Captures.disk(Captures.VM, "sectors-sda.txt"), 512, "/dev/sda");
        assertSameAsSfdisk(SfdiskDump.parse(Captures.file(Captures.VM, "sfdisk-d-sda.txt")), t);
        assertEquals(List.of(Partition.Role.PRIMARY, Partition.Role.EXTENDED, Partition.Role.LOGICAL,
                Partition.Role.LOGICAL), t.partitions().stream().map(Partition::role).toList());
        assertEquals(List.of(1, 2, 5, 6), t.partitions().stream().map(Partition::number).toList());
        assertEquals(List.of("boot"), t.partitions().get(0).flags());
        assertEquals(List.of("raid"), t.partitions().get(2).flags());
        assertEquals(List.of("swap"), t.partitions().get(3).flags());
        assertEquals("39684877-05", t.partitions().get(2).uuid()); // as blkid shows PARTUUID
        assertEquals(List.of(), t.warnings());
    }

    @Test
    void readsPrimaryPartitions() throws IOException {
        PartitionTable t = PartitionTableReader.read(Captures.disk(Captures.VM, "sectors-sdb.txt"), 512, "/dev/sdb");
        assertSameAsSfdisk(SfdiskDump.parse(Captures.file(Captures.VM, "sfdisk-d-sdb.txt")), t);
        assertEquals(List.of("lvm"), t.partitions().get(2).flags());
    }

    @Test
    void aWholeDiskPvHasNoTable() throws IOException {
        assertEquals(TableType.NONE,
                PartitionTableReader.read(Captures.disk(Captures.VM, "sectors-sdc.txt"), 512, "/dev/sdc").type());
    }

    @Test
    void aFatBootSectorIsNotAnMbr() throws IOException {
        // The ESP's boot sector ends in 55 AA too; a FAT made on a whole disk must not pass for a table.
        byte[] fat = Captures.disk(Captures.VM, "sectors-nvme0n1.txt").read(2048 * 512, 512);
        assertTrue(MbrReader.hasSignature(fat));
        assertFalse(MbrReader.looksLikeMbr(fat));
        assertTrue(MbrReader.looksLikeMbr(Captures.disk(Captures.VM, "sectors-sda.txt").read(0, 512)));
    }

    @Test
    void aLoopInTheEbrChainStops() throws IOException {
        // Point sda's first EBR's link (entry 2's start, relative to the extended partition) at
        // itself: the reader must stop, keep what it read, and say so.
        long firstEbr = 616448L * 512;
        SparseDisk looped = Captures.disk(Captures.VM, "sectors-sda.txt").withBytes(firstEbr + 446 + 16 + 8, new byte[4]);
        PartitionTable t = PartitionTableReader.read(looped, 512, "/dev/sda");
        assertEquals(List.of(1, 2, 5), t.partitions().stream().map(Partition::number).toList());
        assertTrue(t.warnings().getFirst().contains("loops"), t.warnings().toString());
    }

    static void assertSameAsSfdisk(SfdiskDump d, PartitionTable t) {
        assertEquals(TableType.MBR, t.type());
        assertEquals(d.header().get("label-id"), t.id());
        assertEquals(d.partitions().size(), t.partitions().size());
        for (int i = 0; i < t.partitions().size(); i++) {
            Map<String, String> s = d.partitions().get(i);
            Partition p = t.partitions().get(i);
            String what = s.get("device");
            assertEquals(s.get("device"), p.device(), what);
            assertEquals(Long.parseLong(s.get("start")), p.start(), what);
            assertEquals(Long.parseLong(s.get("size")), p.sectors(), what);
            assertEquals(String.format("%02x", Integer.parseInt(s.get("type"), 16)), p.type(), what);
            assertEquals(s.containsKey("bootable"), p.hasFlag("boot"), what);
        }
    }
}
