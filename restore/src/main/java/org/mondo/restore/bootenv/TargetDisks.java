package org.mondo.restore.bootenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disks of the machine being restored, from sysfs: whole disks only (virtio vdX, SATA/SCSI/USB
 * sdX, NVMe nvmeXnY, MMC), never the disk the boot medium was found on.
 */
public final class TargetDisks {
    public record Disk(String name, long bytes, String model, boolean removable) {
        public String device() {
            return "/dev/" + name;
        }
    }

    private TargetDisks() {}

    public static List<Disk> list(Path sysBlock, String mediumDevice) throws IOException {
        List<Disk> out = new ArrayList<>();
        if (!Files.isDirectory(sysBlock)) return out;
        try (var s = Files.list(sysBlock)) {
            for (Path d : s.sorted().toList()) {
                String name = d.getFileName().toString();
                if (name.matches("(loop|ram|zram|sr|fd|dm-|md|nbd).*")) continue;
                if (mediumDevice != null && mediumDevice.startsWith("/dev/" + name)) continue;
                long sectors = Long.parseLong(read(d.resolve("size"), "0"));
                if (sectors == 0) continue;
                String model = read(d.resolve("device/model"), "").trim();
                boolean removable = read(d.resolve("removable"), "0").trim().equals("1");
                out.add(new Disk(name, sectors * 512, model, removable));
            }
        }
        return out;
    }

    private static String read(Path p, String fallback) {
        try {
            return Files.readString(p).trim();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
