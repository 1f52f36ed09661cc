package org.mondo.layout;

/**
 * A mounted (or fstab-listed) filesystem: {@code spec} is the device as fstab names it
 * ("UUID=...", "LABEL=...", "/dev/md0"), {@code device} the canonical device it resolves to,
 * {@code options} fstab's options when fstab has the entry (the admin's intent), else the mount's.
 */
public record Mount(String spec, String device, String mountpoint, String type, String options, int dump,
        int pass) {
    public Mount {
        options = options == null || options.isEmpty() ? "defaults" : options;
    }
}
