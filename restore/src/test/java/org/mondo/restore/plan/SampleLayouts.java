package org.mondo.restore.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.mondo.layout.Disk;
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

    /** The NVMe disk alone, with what lives on it (ESP, BIOS boot, /boot, vg0). */
    public static Layout onlyNvme(Layout full) {
        Disk nvme = full.disks().getFirst();
        return new Layout(1, full.host(), full.created(), full.firmware(), List.of(nvme), List.of(),
                full.physicalVolumes().stream().filter(x -> x.vg().equals("vg0")).toList(),
                full.volumeGroups().stream().filter(x -> x.name().equals("vg0")).toList(),
                full.logicalVolumes().stream().filter(x -> x.vg().equals("vg0")).toList(),
                full.fileSystems().stream().filter(f -> f.device().startsWith("/dev/nvme") || f.device().contains("vg0-")).toList(),
                full.swaps().stream().filter(s -> s.device().contains("vg0-")).toList(),
                full.mounts().stream().filter(m -> m.device().startsWith("/dev/nvme") || m.device().contains("vg0-")).toList(),
                full.bootLoaders(), full.efiBootOrder(), full.efiBootEntries());
    }
}
