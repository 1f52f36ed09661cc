package org.mondo.layout;

/**
 * A swap device: mkswap needs its UUID and label back (fstab and resume= name them). Priority is
 * the active one from /proc/swaps, else fstab's pri=, else -1 (the kernel's default).
 */
public record Swap(String device, String uuid, String label, long sizeBytes, int priority, boolean active) {
    public Swap {
        uuid = uuid == null ? "" : uuid;
        label = label == null ? "" : label;
    }
}
