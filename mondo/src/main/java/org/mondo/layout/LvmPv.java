package org.mondo.layout;

/** An LVM physical volume; {@code vg} is "" for a PV in no volume group. Sizes in bytes. */
public record LvmPv(String device, String uuid, String vg, long sizeBytes, long deviceSizeBytes, long peStartBytes) {
    public LvmPv {
        vg = vg == null ? "" : vg;
    }
}
