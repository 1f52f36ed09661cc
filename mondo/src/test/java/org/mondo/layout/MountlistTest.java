package org.mondo.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class MountlistTest {

    @Test
    void derivedFromARealLayout() throws IOException {
        Layout l = LayoutFormat.parse(LayoutFormatTest.resource("vm-uefi-nvme-lvm-raid1.layout"));
        Mountlist m = Mountlist.from(l);
        assertEquals(LayoutFormatTest.resource("vm-uefi-nvme-lvm-raid1.mountlist"), m.toText());
        assertEquals(new Mountlist.Entry("/dev/nvme0n1p4", "lvm", "lvm", 2733056, ""), m.entries().get(2));
        assertEquals(new Mountlist.Entry("/dev/sda5", "raid", "raid", 409600, ""), m.entries().get(4));
        assertEquals(new Mountlist.Entry("/dev/sda6", "swap", "swap", 328704, "swap2"), m.entries().get(5));
        assertEquals(new Mountlist.Entry("/dev/md0", "/home", "ext4", 408576, "home"), m.entries().get(10));
        Mountlist.Entry root = m.entries().stream().filter(e -> e.mountpoint().equals("/")).findFirst().orElseThrow();
        assertTrue(root.isLogicalVolume());
        assertEquals(new Mountlist.Entry("/dev/mapper/vg0-swap", "swap", "swap", Mountlist.LVM_SIZE, "swap"),
                m.entries().get(13));
    }

    @Test
    void membersVolumesAndOddNames() {
        // The made-up machine of LayoutFormatTest: a whole-disk md member, an md array that is a PV,
        // a mountpoint and a label with spaces (escaped as fstab escapes them).
        Mountlist m = Mountlist.from(LayoutFormatTest.sample());
        assertEquals(List.of(
                new Mountlist.Entry("/dev/nvme0n1p2", "raid", "raid", (125026815L - 131328 + 1) * 4096 / 1024, ""),
                new Mountlist.Entry("/dev/sda1", "/srv/my\\040data", "btrfs", 307200, "srv"),
                new Mountlist.Entry("/dev/sda5", "lvm", "lvm", 739328, ""),
                new Mountlist.Entry("/dev/sdb", "raid", "raid", 524288, ""),
                new Mountlist.Entry("/dev/md127", "lvm", "lvm", 1046528, ""),
                new Mountlist.Entry("/dev/mapper/my--vg-lv--1", "/", "ext4", Mountlist.LVM_SIZE, "root\\040fs")),
                m.entries());
    }

    @Test
    void theUuidStandsInForAMissingLabel() {
        Disk sda = new Disk("/dev/sda", 1L << 30, 512, 512, "", "", false, TableType.MBR, "0x1", 0, 0, 0, List.of(
                new Partition("/dev/sda1", 1, Partition.Role.PRIMARY, 2048, 4095, "83", "", "", 0, List.of()),
                new Partition("/dev/sda2", 2, Partition.Role.PRIMARY, 4096, 8191, "82", "", "", 0, List.of())));
        Layout l = new Layout(1, "", "", Firmware.BIOS, List.of(sda), List.of(), List.of(), List.of(), List.of(),
                List.of(new FileSystem("/dev/sda1", "ext4", "0b1e-uuid", "", FsOptions.NONE)),
                List.of(new Swap("/dev/sda2", "5a88-uuid", "", 2097152, -1, false)),
                List.of(new Mount("UUID=0b1e-uuid", "/dev/sda1", "/", "ext4", "defaults", 0, 1),
                        new Mount("/dev/sda1", "/dev/sda1", "/mnt/again", "ext4", "defaults", 0, 0)),
                List.of(), List.of(), List.of());
        assertEquals("""
                # device mountpoint format size(KB) label/uuid
                /dev/sda1                /                ext4     1024         0b1e-uuid
                /dev/sda2                swap             swap     2048         5a88-uuid
                """, Mountlist.from(l).toText());
    }

    @Test
    void parsesMondoRescuesOwnLines() throws IOException {
        Mountlist m = Mountlist.parse("""
                # device mountpoint format size label
                /dev/hda1 / ext2 233336
                /dev/hda2\tswap\tswap\t128488
                /dev/VolGroup00/LogVol00   /   ext3   lvm   /
                /dev/sda2 lvm lvm 8281507
                """);
        assertEquals(4, m.entries().size());
        assertEquals(new Mountlist.Entry("/dev/hda1", "/", "ext2", 233336, ""), m.entries().getFirst());
        assertTrue(m.entries().get(2).isLogicalVolume());
        assertEquals("/", m.entries().get(2).label());
        assertEquals(m, Mountlist.parse(m.toText()));
    }

    @Test
    void badLinesAreErrors() {
        assertThrows(LayoutFormatException.class, () -> Mountlist.parse("/dev/sda1 / ext4\n"));
        assertThrows(LayoutFormatException.class, () -> Mountlist.parse("/dev/sda1 / ext4 big\n"));
        assertThrows(LayoutFormatException.class, () -> Mountlist.parse("/dev/sda1 / ext4 1 a b\n"));
    }
}
