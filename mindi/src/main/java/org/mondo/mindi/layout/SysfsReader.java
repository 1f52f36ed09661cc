package org.mondo.mindi.layout;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads /sys/block: every block device the kernel knows, with its partitions (subdirectories
 * holding a "partition" file). Sizes in sysfs are always in 512-byte units, whatever the device's
 * sector size; partitions share their disk's queue (sector sizes).
 */
public final class SysfsReader {
    private static final String BLOCK = "/sys/block";

    private SysfsReader() {}

    /**
     * One block device. {@code disk} is the parent of a partition ("" otherwise), {@code start}
     * and {@code size512} in 512-byte units, {@code majMin} as in /proc/self/mountinfo.
     */
    public record SysDevice(String name, String disk, int number, long start, long size512, int logicalSectorSize,
            int physicalSectorSize, boolean removable, String model, String serial, String majMin, String dmName,
            List<String> slaves) {
        public long sizeBytes() {
            return size512 * 512;
        }

        public boolean isPartition() {
            return !disk.isEmpty();
        }
    }

    /** All devices by kernel name, disks in /sys/block order, each followed by its partitions. */
    public static Map<String, SysDevice> read(Machine m) throws IOException {
        Map<String, SysDevice> out = new LinkedHashMap<>();
        for (String name : m.list(BLOCK)) {
            String base = BLOCK + "/" + name;
            int logical = (int) num(m, base + "/queue/logical_block_size", 512);
            int physical = (int) num(m, base + "/queue/physical_block_size", logical);
            String serial = text(m, base + "/device/serial");
            SysDevice disk = new SysDevice(name, "", 0, 0, num(m, base + "/size", 0), logical, physical,
                    num(m, base + "/removable", 0) == 1, text(m, base + "/device/model"),
                    serial.isEmpty() ? text(m, base + "/serial") : serial, text(m, base + "/dev"),
                    text(m, base + "/dm/name"), m.list(base + "/slaves"));
            out.put(name, disk);
            for (String child : m.list(base)) {
                String p = base + "/" + child;
                if (!m.exists(p + "/partition")) continue;
                out.put(child, new SysDevice(child, name, (int) num(m, p + "/partition", 0), num(m, p + "/start", 0),
                        num(m, p + "/size", 0), logical, physical, disk.removable(), "", "", text(m, p + "/dev"), "",
                        List.of()));
            }
        }
        return out;
    }

    /**
     * A sysfs attribute, trimmed (models are padded with spaces); "" when absent or unreadable
     * (some drivers fail reads of attributes they list): none of them is worth failing for.
     */
    private static String text(Machine m, String path) {
        try {
            return m.readFile(path).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static long num(Machine m, String path, long absent) {
        String s = text(m, path);
        try {
            return s.isEmpty() ? absent : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
