package org.mondo.layout;

/**
 * An LVM volume group. {@code metadata} is the VG's {@code vgcfgbackup} text: with it a restore can
 * run {@code vgcfgrestore} and get every LV back on the same extents, which the LV records alone
 * (size, stripes) cannot promise.
 */
public record VolumeGroup(String name, String uuid, long extentSizeBytes, long extentCount, long freeExtents,
        String metadata) {
    public VolumeGroup {
        metadata = metadata == null ? "" : metadata;
        if (!metadata.isEmpty() && !metadata.endsWith("\n")) metadata += "\n";
    }
}
