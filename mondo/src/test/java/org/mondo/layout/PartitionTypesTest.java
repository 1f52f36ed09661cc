package org.mondo.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PartitionTypesTest {

    @Test
    void gptFlagsComeFromTheTypeAndAttributeBits() {
        assertEquals(List.of("esp"), PartitionTypes.flags(TableType.GPT, PartitionTypes.GPT_ESP, 0, false));
        assertEquals(List.of("bios_grub"), PartitionTypes.flags(TableType.GPT, PartitionTypes.GPT_BIOS_BOOT.toLowerCase(), 0, true));
        assertEquals(List.of("legacy_boot", "hidden"), PartitionTypes.flags(TableType.GPT, PartitionTypes.GPT_LINUX_FS,
                (1L << 2) | (1L << 62), false));
    }

    @Test
    void mbrFlagsComeFromTheTypeByteAndTheBootIndicator() {
        assertEquals(List.of("boot", "lvm"), PartitionTypes.flags(TableType.MBR, "8e", 0, true));
        assertEquals(List.of("raid"), PartitionTypes.flags(TableType.MBR, "FD", 0, false));
        assertEquals(List.of(), PartitionTypes.flags(TableType.MBR, "83", 0, false));
    }
}
