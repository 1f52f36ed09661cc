package org.mondo.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PartitionNamingTest {

    @Test
    void aDiskEndingInADigitGetsP() {
        assertEquals("nvme0n1p1", PartitionNaming.partition("nvme0n1", 1));
        assertEquals("/dev/nvme10n2p12", PartitionNaming.partition("/dev/nvme10n2", 12));
        assertEquals("mmcblk0p2", PartitionNaming.partition("mmcblk0", 2));
        assertEquals("loop7p3", PartitionNaming.partition("loop7", 3));
        assertEquals("md127p1", PartitionNaming.partition("md127", 1));
    }

    @Test
    void otherDisksGetTheNumberAlone() {
        assertEquals("sda1", PartitionNaming.partition("sda", 1));
        assertEquals("/dev/vdb15", PartitionNaming.partition("/dev/vdb", 15));
        assertEquals("xvda2", PartitionNaming.partition("xvda", 2));
        assertEquals("sdp1", PartitionNaming.partition("sdp", 1));
    }

    @Test
    void splitsPartitionNames() {
        assertEquals(new PartitionNaming.Split("nvme0n1", 1), PartitionNaming.split("nvme0n1p1"));
        assertEquals(new PartitionNaming.Split("/dev/mmcblk0", 2), PartitionNaming.split("/dev/mmcblk0p2"));
        assertEquals(new PartitionNaming.Split("sda", 11), PartitionNaming.split("sda11"));
        assertEquals(new PartitionNaming.Split("sdp", 1), PartitionNaming.split("sdp1")); // "p" of sdp is a letter
        assertNull(PartitionNaming.split("sda"));
        assertNull(PartitionNaming.split("md0"));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PartitionNaming.partition("sda", 0));
        assertThrows(IllegalArgumentException.class, () -> PartitionNaming.partition("", 1));
    }
}
