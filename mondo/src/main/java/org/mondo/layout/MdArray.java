package org.mondo.layout;

import java.util.List;

/**
 * One md (software RAID) array, with what {@code mdadm --create} needs to make it again: level,
 * number of raid devices and spares, metadata version, UUID and name (homehost:name for 1.x), chunk
 * size (KiB, 0 when the level has none) and layout (e.g. "left-symmetric", "near=2", "" if none).
 */
public record MdArray(String device, String name, String level, int raidDevices, int spareDevices, String metadata,
        String uuid, int chunkKib, String layout, long sizeBytes, List<Member> members) {

    /** A member device; role is its slot number, or "spare"/"faulty". */
    public record Member(String device, String role, String state) {
        public Member {
            state = state == null ? "" : state;
        }
    }

    public MdArray {
        name = name == null ? "" : name;
        layout = layout == null ? "" : layout;
        members = List.copyOf(members);
    }
}
