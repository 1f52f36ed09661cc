package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BlkidParserTest {

    @Test
    void parsesOneDeviceAndUnescapesSpaces() {
        Map<String, String> esp = BlkidParser.parse(Captures.vm(BlkidParser.command("/dev/nvme0n1p1")));
        assertEquals("/dev/nvme0n1p1", esp.get("DEVNAME"));
        assertEquals("vfat", esp.get("TYPE"));
        assertEquals("EFI", esp.get("LABEL"));
        assertEquals("EFI System Partition", esp.get("PARTLABEL")); // printed as EFI\ System\ Partition
    }

    @Test
    void mdMembersCarryTheArrayUuidAndNameAsLabel() {
        Map<String, String> m = BlkidParser.parse(Captures.vm(BlkidParser.command("/dev/sda5")));
        assertEquals("linux_raid_member", m.get("TYPE"));
        assertEquals("mondo-vm:home", m.get("LABEL"));
        assertTrue(m.containsKey("UUID_SUB"));
    }

    @Test
    void aDeviceWithNoFilesystemHasOnlyItsPartitionFields() {
        Map<String, String> m = BlkidParser.parse(Captures.vm(BlkidParser.command("/dev/nvme0n1p2")));
        assertEquals("BIOS boot partition", m.get("PARTLABEL"));
        assertEquals(null, m.get("TYPE"));
    }

    @Test
    void parsesSeveralBlocks() {
        var all = BlkidParser.parseAll("DEVNAME=/dev/a\nTYPE=ext4\n\nDEVNAME=/dev/b\nLABEL=x\\$y\\\"z\n");
        assertEquals(2, all.size());
        assertEquals("x$y\"z", all.get(1).get("LABEL"));
        assertEquals(Map.of(), BlkidParser.parse(""));
    }
}
