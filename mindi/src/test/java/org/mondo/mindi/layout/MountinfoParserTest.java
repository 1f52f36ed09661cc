package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MountinfoParserTest {

    @Test
    void readsTheCapturedMounts() {
        List<MountinfoParser.MountEntry> m = MountinfoParser.parse(Captures.file(Captures.VM, "mountinfo.txt"));
        assertEquals(new MountinfoParser.MountEntry("254:0", "/", "/", "rw,relatime", "ext4", "/dev/mapper/vg0-root", "rw"),
                m.getFirst());
        MountinfoParser.MountEntry srv = m.stream().filter(e -> e.mountpoint().equals("/srv")).findFirst().orElseThrow();
        assertEquals("/@data", srv.root()); // a btrfs subvolume
        assertEquals("0:26", srv.majMin()); // btrfs's anonymous device number
        assertEquals("/dev/sda1", srv.source());
    }

    @Test
    void handlesOptionalFieldsAndEscapes() {
        String line = "36 35 98:0 /mnt1 /mnt/my\\040disk rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue\n";
        MountinfoParser.MountEntry e = MountinfoParser.parse(line).getFirst();
        assertEquals("/mnt/my disk", e.mountpoint());
        assertEquals("ext3", e.fstype());
        assertEquals("/dev/root", e.source());
        assertEquals("rw,errors=continue", e.superOptions());
    }
}
