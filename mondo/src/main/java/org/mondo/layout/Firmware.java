package org.mondo.layout;

/** How the machine booted: the restore must install the matching boot loader. */
public enum Firmware {
    BIOS("bios"),
    UEFI("uefi");

    private final String text;

    Firmware(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Firmware parse(String s) {
        for (Firmware f : values()) {
            if (f.text.equals(s)) return f;
        }
        throw new IllegalArgumentException("unknown firmware '" + s + "' (bios or uefi)");
    }
}
