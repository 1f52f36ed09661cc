package org.mondo.restore.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mondo.catalog.Entry;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.Mount;
import org.mondo.nativeio.PathBytes;

/**
 * The smallest size each source filesystem may be given on smaller disks: the bytes it held at
 * backup time (the layout's "used"; else the catalog's file sizes under its mount point), plus room
 * for the filesystem's own metadata and a margin, never less than mkfs accepts for its type.
 */
public final class DataNeeds {
    static final long MIB = 1L << 20;
    /** mkfs.xfs refuses filesystems under 300 MiB (xfsprogs 5.19 and later). */
    static final long XFS_MINIMUM = 300 * MIB;
    static final long SWAP_MINIMUM = 32 * MIB;

    private final Map<String, Long> needByDevice;

    private DataNeeds(Map<String, Long> needByDevice) {
        this.needByDevice = needByDevice;
    }

    public static DataNeeds of(Layout layout, List<Entry> catalog) {
        Map<String, Long> catalogBytes = catalogBytesByDevice(layout, catalog);
        Map<String, Long> need = new HashMap<>();
        for (FileSystem fs : layout.fileSystems()) {
            long used = fs.usedBytes() > 0 ? fs.usedBytes() : catalogBytes.getOrDefault(fs.device(), 0L);
            need.put(fs.device(), Math.max(minimum(fs.type()), used + used / 8 + 64 * MIB));
        }
        layout.swaps().forEach(s -> need.put(s.device(), SWAP_MINIMUM));
        return new DataNeeds(need);
    }

    /** Bytes the filesystem or swap on this (source) device needs, or 0 when nothing is known. */
    public long need(String device) {
        return needByDevice.getOrDefault(device, 0L);
    }

    static long minimum(String type) {
        return switch (type) {
            case "xfs" -> XFS_MINIMUM;
            case "btrfs" -> 128 * MIB;
            default -> 16 * MIB;
        };
    }

    /** Each file counted on the filesystem of its deepest mount point. */
    private static Map<String, Long> catalogBytesByDevice(Layout layout, List<Entry> catalog) {
        Map<String, Long> out = new HashMap<>();
        if (catalog == null) return out;
        List<Mount> mounts = layout.mounts().stream()
                .sorted((a, b) -> Integer.compare(b.mountpoint().length(), a.mountpoint().length())).toList();
        for (Entry e : catalog) {
            if (!e.isRegular()) continue;
            for (Mount m : mounts) {
                if (PathBytes.isAtOrBelow(e.path, PathBytes.of(m.mountpoint()))) {
                    out.merge(m.device(), e.size, Long::sum);
                    break;
                }
            }
        }
        return out;
    }
}
