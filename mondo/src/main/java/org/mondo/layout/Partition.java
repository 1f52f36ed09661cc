package org.mondo.layout;

import java.util.List;

/**
 * One partition. Start and end are inclusive, in the disk's logical sectors. {@code type} is the
 * GPT type GUID (upper case) or the MBR type byte as two hex digits ("83", "fd", "05").
 * {@code uuid} is the PARTUUID (GPT: the partition GUID; MBR: "diskid-NN" as the kernel shows it).
 * {@code attributes} are the GPT attribute bits (0 for MBR). {@code flags} are derived from type,
 * attributes and the MBR boot indicator ({@link PartitionTypes#flags}), in parted's words; for MBR
 * the "boot" flag is the only place the boot indicator is kept.
 */
public record Partition(String device, int number, Role role, long start, long end, String type, String uuid,
        String name, long attributes, List<String> flags) {

    /** MBR partitions are primary, extended or logical; every GPT partition is primary. */
    public enum Role {
        PRIMARY("primary"),
        EXTENDED("extended"),
        LOGICAL("logical");

        private final String text;

        Role(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Role parse(String s) {
            for (Role r : values()) {
                if (r.text.equals(s)) return r;
            }
            throw new IllegalArgumentException("unknown partition role '" + s + "' (primary, extended or logical)");
        }
    }

    public Partition {
        uuid = uuid == null ? "" : uuid;
        name = name == null ? "" : name;
        flags = List.copyOf(flags);
        if (end < start) throw new IllegalArgumentException("partition " + device + " ends before it starts");
    }

    public long sectors() {
        return end - start + 1;
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
