package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LsblkParserTest {

    @Test
    void parsesTheCapturedMachine() {
        List<LsblkParser.Row> rows = LsblkParser.parse(Captures.vm(LsblkParser.COMMAND));
        assertEquals(22, rows.size());
        LsblkParser.Row p1 = rows.stream().filter(r -> r.kname().equals("nvme0n1p1")).findFirst().orElseThrow();
        assertEquals("nvme0n1", p1.pkname());
        assertEquals("part", p1.type());
        assertEquals(104857600L, p1.size());
        assertEquals("vfat", p1.fstype());
        assertEquals("EFI System Partition", p1.partlabel());
        assertEquals("/boot/efi", p1.mountpoint());
        // md0 sits on two members, the striped LV on two PVs: one line per parent.
        assertEquals(List.of("sda5", "sdb1"), rows.stream().filter(r -> r.kname().equals("md0")).map(LsblkParser.Row::pkname).toList());
        assertEquals(List.of("sdb3", "sdc"), rows.stream().filter(r -> r.kname().equals("dm-3")).map(LsblkParser.Row::pkname).toList());
        LsblkParser.Row root = rows.stream().filter(r -> r.kname().equals("dm-0")).findFirst().orElseThrow();
        assertEquals("vg0-root", root.name());
        assertEquals("lvm", root.type());
        assertEquals("[SWAP]", rows.stream().filter(r -> r.kname().equals("dm-2")).findFirst().orElseThrow().mountpoint());
    }

    @Test
    void decodesHexEscapes() {
        // Written by hand (not captured): lsblk escapes ", \, `, $ and non-printable bytes (UTF-8 too)
        // as \xHH; spaces stay as they are.
        List<LsblkParser.Row> rows = LsblkParser.parse(
                "NAME=\"sdz1\" KNAME=\"sdz1\" PKNAME=\"sdz\" TYPE=\"part\" SIZE=\"1\" LABEL=\"a \\x22q\\x22 \\x24HOME\\x5c\" "
                        + "PARTLABEL=\"caf\\xc3\\xa9\" MOUNTPOINT=\"/mnt/my disk\"\n");
        assertEquals("a \"q\" $HOME\\", rows.getFirst().label());
        assertEquals("café", rows.getFirst().partlabel());
        assertEquals("/mnt/my disk", rows.getFirst().mountpoint());
    }

    @Test
    void skipsLinesWithoutPairs() {
        assertEquals(1, LsblkParser.parse("lsblk: sdq: failed to get device path\nNAME=\"sda\" KNAME=\"sda\" SIZE=\"\"\n").size());
    }
}
