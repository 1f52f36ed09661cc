package org.mondo.restore.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;

/** Layouts read from real machines (mondo's test resources, layout/). */
public final class SampleLayouts {
    private SampleLayouts() {}

    /** UEFI; NVMe GPT (ESP, BIOS boot, /boot, LVM vg0); SATA MBR with logicals, md RAID1, btrfs; striped VG. */
    public static Layout vmUefiNvmeLvmRaid1() throws IOException {
        try (InputStream in = SampleLayouts.class.getResourceAsStream("/layout/vm-uefi-nvme-lvm-raid1.layout")) {
            return LayoutFormat.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
