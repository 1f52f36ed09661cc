package org.mondo.restore.bootenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.mondo.layout.PartitionNaming;
import org.mondo.restore.plan.TargetDisk;

/**
 * The disks of the machine being restored, from sysfs: whole disks only (virtio vdX, SATA/SCSI/USB
 * sdX, NVMe nvmeXnY, MMC), never a disk that holds the boot medium or a volume of the backup.
 */
public final class TargetDisks {
    private TargetDisks() {}

    public static List<TargetDisk> list(Path sysBlock, Collection<String> protectedDevices) throws IOException {
        List<TargetDisk> out = new ArrayList<>();
        if (!Files.isDirectory(sysBlock)) return out;
        try (var s = Files.list(sysBlock)) {
            for (Path d : s.sorted().toList()) {
                String name = d.getFileName().toString();
                if (name.matches("(loop|ram|zram|sr|fd|dm-|md|nbd).*")) continue;
                if (holdsProtected("/dev/" + name, protectedDevices)) continue;
                long sectors = Long.parseLong(read(d.resolve("size"), "0"));
                if (sectors == 0) continue;
                int logical = Integer.parseInt(read(d.resolve("queue/logical_block_size"), "512"));
                String model = read(d.resolve("device/model"), "").trim();
                boolean removable = read(d.resolve("removable"), "0").trim().equals("1");
                out.add(new TargetDisk("/dev/" + name, sectors * 512, logical, model, removable));
            }
        }
        return out;
    }

    /** The disk itself or one of its partitions is protected. */
    static boolean holdsProtected(String disk, Collection<String> protectedDevices) {
        for (String p : protectedDevices) {
            if (p.equals(disk)) return true;
            PartitionNaming.Split split = PartitionNaming.split(p);
            if (split != null && split.disk().equals(disk)) return true;
        }
        return false;
    }

    /** The partitions the kernel shows on a disk now (sysfs), e.g. to wipe them. */
    public static List<String> partitionsOf(Path sysBlock, String disk) {
        String name = disk.substring(disk.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>();
        try (var s = Files.list(sysBlock.resolve(name))) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().startsWith(name) && Files.exists(p.resolve("partition"))) {
                    out.add("/dev/" + p.getFileName());
                }
            }
        } catch (IOException e) {
            return out;
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
