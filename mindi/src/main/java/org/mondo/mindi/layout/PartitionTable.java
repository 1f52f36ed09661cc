package org.mondo.mindi.layout;

import java.util.List;

import org.mondo.layout.Partition;
import org.mondo.layout.TableType;

/**
 * A partition table as read from the disk. For GPT, {@code firstLba}/{@code lastLba} are the
 * usable range and {@code entries} the number of entries in the array; 0 for MBR. Problems that
 * did not stop the read (a damaged backup GPT, a loop in the EBR chain) are in {@code warnings}.
 */
public record PartitionTable(TableType type, String id, long firstLba, long lastLba, int entries,
        List<Partition> partitions, List<String> warnings) {

    public static final PartitionTable NONE = new PartitionTable(TableType.NONE, "", 0, 0, 0, List.of(), List.of());

    public PartitionTable {
        partitions = List.copyOf(partitions);
        warnings = List.copyOf(warnings);
    }
}
