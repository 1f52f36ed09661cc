package org.mondo.layout;

import java.util.List;

/**
 * One disk and its partition table exactly as found. {@code id} is the GPT disk GUID or the MBR
 * disk identifier ("0x4a23acaf"). For GPT, {@code firstLba}/{@code lastLba} are the usable range
 * and {@code entries} the size of the partition entry array (usually 128): with them a restore can
 * rewrite the same table, not merely a similar one. They are 0 for MBR and NONE.
 */
public record Disk(String device, long sizeBytes, int logicalSectorSize, int physicalSectorSize, String model,
        String serial, boolean removable, TableType table, String id, long firstLba, long lastLba, int entries,
        List<Partition> partitions) {

    public Disk {
        model = model == null ? "" : model;
        serial = serial == null ? "" : serial;
        id = id == null ? "" : id;
        partitions = List.copyOf(partitions);
    }

    public long sectors() {
        return sizeBytes / logicalSectorSize;
    }
}
