package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SysfsReaderTest {

    @Test
    void readsDisksPartitionsAndStacking() throws Exception {
        Map<String, SysfsReader.SysDevice> s = SysfsReader.read(CapturedMachine.load(Captures.VM));
        SysfsReader.SysDevice nvme = s.get("nvme0n1");
        assertEquals(3221225472L, nvme.sizeBytes());
        assertEquals("QEMU NVMe Ctrl", nvme.model()); // sysfs pads it with spaces
        assertEquals("MONDO0NVME0001", nvme.serial());
        assertEquals(512, nvme.logicalSectorSize());
        SysfsReader.SysDevice p4 = s.get("nvme0n1p4");
        assertEquals("nvme0n1", p4.disk());
        assertEquals(4, p4.number());
        assertEquals(823296, p4.start());
        assertEquals("259:4", p4.majMin());
        assertEquals("data-stripe", s.get("dm-3").dmName());
        assertEquals(List.of("sdb3", "sdc"), s.get("dm-3").slaves());
        assertEquals(List.of("sda5", "sdb1"), s.get("md0").slaves());
        assertTrue(s.get("sda2").isPartition());
    }
}
