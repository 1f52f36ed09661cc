package org.mondo.layout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's partition names: a disk whose name ends in a digit gets "p" before the partition
 * number (nvme0n1p1, mmcblk0p1, loop0p1, md0p1), any other disk gets the number alone (sda1, vdb2).
 */
public final class PartitionNaming {
    private static final Pattern WITH_P = Pattern.compile("(.*\\d)p(\\d+)");
    private static final Pattern PLAIN = Pattern.compile("(.*\\D)(\\d+)");

    private PartitionNaming() {}

    /** Partition {@code number} of {@code disk}; works on names ("sda") and paths ("/dev/sda"). */
    public static String partition(String disk, int number) {
        if (disk.isEmpty()) throw new IllegalArgumentException("empty disk name");
        if (number < 1) throw new IllegalArgumentException("partition numbers start at 1: " + number);
        return Character.isDigit(disk.charAt(disk.length() - 1)) ? disk + "p" + number : disk + number;
    }

    /**
     * The disk and number of a partition name, or null if no partition can have that name. A name
     * alone cannot tell a disk from a partition ("nvme0n1" would split as "nvme0n" 1): call this on
     * names known to be partitions.
     */
    public static Split split(String partition) {
        Matcher m = WITH_P.matcher(partition);
        if (!m.matches()) m = PLAIN.matcher(partition);
        if (!m.matches() || m.group(2).length() > 6) return null;
        int number = Integer.parseInt(m.group(2));
        return number < 1 ? null : new Split(m.group(1), number);
    }

    public record Split(String disk, int number) {}
}
