package org.mondo.layout;

/**
 * A filesystem on a device, with what mkfs needs to make the same one again: UUID, label and the
 * type's creation options ({@link FsOptions}).
 */
public record FileSystem(String device, String type, String uuid, String label, FsOptions options) {
    public FileSystem {
        uuid = uuid == null ? "" : uuid;
        label = label == null ? "" : label;
        options = options == null ? FsOptions.NONE : options;
    }
}
