package org.mondo.restore.plan;

/** A disk of the machine being restored, as sysfs shows it. */
public record TargetDisk(String device, long sizeBytes, int logicalSectorSize, String model, boolean removable) {
    public TargetDisk {
        model = model == null ? "" : model;
        if (logicalSectorSize <= 0) throw new IllegalArgumentException("sector size " + logicalSectorSize);
    }

    public long sectors() {
        return sizeBytes / logicalSectorSize;
    }
}
