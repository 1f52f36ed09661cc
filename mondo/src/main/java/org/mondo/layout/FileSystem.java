package org.mondo.layout;

/**
 * A filesystem on a device, with what mkfs needs to make the same one again: UUID, label and the
 * type's creation options ({@link FsOptions}). {@code usedBytes} is what it held when read (df's
 * "used", 0 when it was not mounted): a restore onto smaller disks checks it still fits.
 */
public record FileSystem(String device, String type, String uuid, String label, FsOptions options, long usedBytes) {
    public FileSystem {
        uuid = uuid == null ? "" : uuid;
        label = label == null ? "" : label;
        options = options == null ? FsOptions.NONE : options;
    }

    public FileSystem(String device, String type, String uuid, String label, FsOptions options) {
        this(device, type, uuid, label, options, 0);
    }

    public FileSystem withDevice(String newDevice) {
        return new FileSystem(newDevice, type, uuid, label, options, usedBytes);
    }
}
