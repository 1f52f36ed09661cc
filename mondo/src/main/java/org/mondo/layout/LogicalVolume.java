package org.mondo.layout;

/**
 * An LVM logical volume: size in bytes, segment type of its first segment ("linear", "striped",
 * "raid1"...), stripes and stripe size of that segment, number of segments, and the PV extents it
 * uses as lvs shows them ("/dev/nvme0n1p4(0)"), for the reader of the file.
 */
public record LogicalVolume(String vg, String name, String uuid, long sizeBytes, String segmentType, int stripes,
        long stripeSizeBytes, int segments, String devices) {

    public LogicalVolume {
        devices = devices == null ? "" : devices;
    }

    /** The device-mapper path; LVM doubles each '-' inside VG and LV names. */
    public String device() {
        return "/dev/mapper/" + vg.replace("-", "--") + "-" + name.replace("-", "--");
    }

    public String path() {
        return "/dev/" + vg + "/" + name;
    }
}
