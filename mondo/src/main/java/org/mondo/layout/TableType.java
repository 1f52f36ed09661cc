package org.mondo.layout;

/** The partition table on a disk; NONE when the whole disk is a PV, an md member or a filesystem. */
public enum TableType {
    GPT("gpt"),
    MBR("mbr"),
    NONE("none");

    private final String text;

    TableType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static TableType parse(String s) {
        for (TableType t : values()) {
            if (t.text.equals(s)) return t;
        }
        throw new IllegalArgumentException("unknown partition table '" + s + "' (gpt, mbr or none)");
    }
}
