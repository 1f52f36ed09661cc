package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.layout.MdArray;

class MdadmParserTest {

    @Test
    void readsTheRaid1() {
        MdArray a = MdadmParser.parse("/dev/md0", Captures.vm(MdadmParser.exportCommand("/dev/md0")),
                Captures.vm(MdadmParser.detailCommand("/dev/md0")));
        assertEquals("raid1", a.level());
        assertEquals(2, a.raidDevices());
        assertEquals(0, a.spareDevices());
        assertEquals("1.2", a.metadata());
        assertEquals("mondo-vm:home", a.name());
        assertEquals("f5a4b93b:a0aa45c4:cee6a9ce:9a2f3e94", a.uuid());
        assertEquals(0, a.chunkKib());
        assertEquals(408576L * 1024, a.sizeBytes());
        assertEquals(List.of(new MdArray.Member("/dev/sda5", "0", "active sync"),
                new MdArray.Member("/dev/sdb1", "1", "active sync")), a.members());
    }

    @Test
    void readsChunkLayoutAndSpares() {
        // Written by hand in mdadm 4.2's layout (not captured): what a RAID1 lacks, a degraded RAID5
        // with a chunk, a layout, a removed slot and a spare.
        String detail = """
                /dev/md1:
                           Version : 1.2
                        Raid Level : raid5
                        Array Size : 1046528 (1022.00 MiB 1071.64 MB)
                      Raid Devices : 3
                     Spare Devices : 1
                            Layout : left-symmetric
                        Chunk Size : 512K
                              UUID : 0a1b2c3d:4e5f6071:8293a4b5:c6d7e8f9

                    Number   Major   Minor   RaidDevice State
                       0       8       33        0      active sync   /dev/sdc1
                       -       0        0        1      removed
                       3       8       65        2      active sync   /dev/sde1

                       4       8       81        -      spare   /dev/sdf1
                """;
        MdArray a = MdadmParser.parse("/dev/md1", "", detail);
        assertEquals(512, a.chunkKib());
        assertEquals("left-symmetric", a.layout());
        assertEquals(1, a.spareDevices());
        assertEquals(List.of("/dev/sdc1", "/dev/sde1", "/dev/sdf1"), a.members().stream().map(MdArray.Member::device).toList());
        assertEquals("spare", a.members().get(2).role());
    }
}
