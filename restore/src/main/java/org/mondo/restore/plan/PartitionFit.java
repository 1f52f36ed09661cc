package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mondo.layout.Disk;
import org.mondo.layout.Partition;
import org.mondo.layout.PartitionNaming;
import org.mondo.layout.TableType;
import org.mondo.progress.Sizes;

/**
 * Lays one source disk's partition table onto a target disk. Same size and sector size: the very
 * same table (starts, ends, GPT usable range). Otherwise the fixed partitions (ESP, BIOS boot,
 * /boot, and any whose content Mondo cannot recreate) keep their size, the others grow or shrink in
 * proportion to the space left, each start aligned to 1 MiB, the gaps of the source kept; an MBR
 * extended partition is re-drawn around its logical partitions.
 */
public final class PartitionFit {
    private static final long MIB = 1L << 20;
    private static final long MBR_MAX_SECTORS = 0xFFFFFFFFL;

    private PartitionFit() {}

    public static boolean sameGeometry(Disk src, TargetDisk tgt) {
        return src.sizeBytes() == tgt.sizeBytes() && src.logicalSectorSize() == tgt.logicalSectorSize();
    }

    /**
     * The table for the target. {@code minBytes} is each (source) partition's smallest size,
     * {@code fixed} the (source) partitions that keep their size; with {@code noresize} every
     * partition keeps its size and only has to fit.
     */
    public static Disk fit(Disk src, TargetDisk tgt, Map<String, Long> minBytes, Set<String> fixed, boolean noresize)
            throws PlanException {
        if (sameGeometry(src, tgt)) return renamed(src, tgt, src.partitions(), src.firstLba(), src.lastLba());
        int ss = src.logicalSectorSize();
        int ts = tgt.logicalSectorSize();
        long align = Math.max(1, MIB / ts);
        long lastUsable = lastUsable(src, tgt);
        long firstLba = src.table() == TableType.GPT ? ceilDiv(src.firstLba() * ss, ts) : 0;

        List<Partition> items = src.partitions().stream().filter(p -> p.role() != Partition.Role.EXTENDED)
                .sorted(Comparator.comparingLong(Partition::start)).toList();
        if (items.isEmpty()) return renamed(src, tgt, List.of(), firstLba, lastUsable);
        long firstStartBytes = items.getFirst().start() * ss;
        long capacity = (lastUsable + 1) * ts - firstStartBytes;
        long fixedBytes = 0, resizable = 0, gaps = 0;
        long prevEnd = -1;
        for (Partition p : items) {
            long bytes = p.sectors() * ss;
            if (noresize || fixed.contains(p.device())) fixedBytes += bytes;
            else resizable += bytes;
            if (prevEnd >= 0) gaps += (p.start() - prevEnd - 1) * ss;
            prevEnd = p.end();
        }
        double factor = noresize || resizable == 0 ? 1.0
                : Math.max(0, (double) (capacity - fixedBytes - gaps - items.size() * MIB)) / resizable;

        List<Partition> out = new ArrayList<>();
        long cursor = firstStartBytes / ts; // next free target sector
        long prevSrcEnd = -1;
        for (int i = 0; i < items.size(); i++) {
            Partition p = items.get(i);
            long gapSectors = prevSrcEnd < 0 ? 0 : ceilDiv((p.start() - prevSrcEnd - 1) * ss, ts);
            long start = alignUp(cursor + gapSectors, align);
            long srcBytes = p.sectors() * ss;
            boolean keep = noresize || fixed.contains(p.device()) || resizable == 0;
            long bytes = keep ? srcBytes : alignDown((long) (srcBytes * factor), MIB);
            long sectors = ceilDiv(bytes, ts);
            long end = start + sectors - 1;
            if (end > lastUsable && i == items.size() - 1 && !keep) end = alignDown(lastUsable + 1, align) - 1;
            long min = minBytes.getOrDefault(p.device(), 0L);
            if ((end - start + 1) * ts < min) {
                throw new PlanException(p.device() + " needs at least " + Sizes.human(min) + " but only "
                        + Sizes.human(Math.max(0, end - start + 1) * ts) + " fit on " + tgt.device() + " ("
                        + Sizes.human(tgt.sizeBytes()) + ")");
            }
            if (end > lastUsable || end < start) {
                throw new PlanException(src.device() + "'s partitions (" + Sizes.human(src.sizeBytes()) + " disk) do not fit on "
                        + tgt.device() + " (" + Sizes.human(tgt.sizeBytes()) + ")" + (noresize ? " without resizing (noresize)" : ""));
            }
            out.add(new Partition(PartitionNaming.partition(tgt.device(), p.number()), p.number(), p.role(), start, end,
                    p.type(), p.uuid(), p.name(), p.attributes(), p.flags()));
            cursor = end + 1;
            prevSrcEnd = p.end();
        }
        for (Partition ext : src.partitions()) {
            if (ext.role() != Partition.Role.EXTENDED) continue;
            out.add(extendedAround(ext, src, out, ss, ts, lastUsable, tgt));
        }
        out.sort(Comparator.comparingInt(Partition::number));
        return renamed(src, tgt, out, firstLba, src.table() == TableType.GPT ? lastUsable : 0);
    }

    /** The extended partition starts as far before its first logical as it did and ends after its last. */
    private static Partition extendedAround(Partition ext, Disk src, List<Partition> placed, int ss, int ts,
            long lastUsable, TargetDisk tgt) {
        List<Partition> logicals = placed.stream().filter(p -> p.role() == Partition.Role.LOGICAL).toList();
        long start, end;
        if (logicals.isEmpty()) {
            start = ceilDiv(ext.start() * ss, ts);
            end = Math.min(lastUsable, start + ceilDiv(ext.sectors() * ss, ts) - 1);
        } else {
            Partition srcFirst = src.partitions().stream().filter(p -> p.role() == Partition.Role.LOGICAL)
                    .min(Comparator.comparingLong(Partition::start)).orElseThrow();
            Partition srcLast = src.partitions().stream().filter(p -> p.role() == Partition.Role.LOGICAL)
                    .max(Comparator.comparingLong(Partition::end)).orElseThrow();
            long lead = ceilDiv((srcFirst.start() - ext.start()) * ss, ts);
            long tail = ceilDiv((ext.end() - srcLast.end()) * ss, ts);
            start = logicals.stream().mapToLong(Partition::start).min().orElseThrow() - lead;
            end = Math.min(lastUsable, logicals.stream().mapToLong(Partition::end).max().orElseThrow() + tail);
        }
        return new Partition(PartitionNaming.partition(tgt.device(), ext.number()), ext.number(), ext.role(), start, end,
                ext.type(), ext.uuid(), ext.name(), ext.attributes(), ext.flags());
    }

    /** The last sector a partition may use: GPT keeps its backup header and entry array at the end. */
    static long lastUsable(Disk src, TargetDisk tgt) {
        long sectors = tgt.sectors();
        if (src.table() == TableType.GPT) {
            int entries = src.entries() > 0 ? src.entries() : 128;
            return sectors - 1 - ceilDiv(entries * 128L, tgt.logicalSectorSize()) - 1;
        }
        return Math.min(sectors, MBR_MAX_SECTORS) - 1;
    }

    private static Disk renamed(Disk src, TargetDisk tgt, List<Partition> parts, long firstLba, long lastLba) {
        List<Partition> named = new ArrayList<>();
        for (Partition p : parts) {
            named.add(new Partition(PartitionNaming.partition(tgt.device(), p.number()), p.number(), p.role(), p.start(),
                    p.end(), p.type(), p.uuid(), p.name(), p.attributes(), p.flags()));
        }
        int physical = tgt.logicalSectorSize() == src.logicalSectorSize() ? src.physicalSectorSize() : tgt.logicalSectorSize();
        return new Disk(tgt.device(), tgt.sizeBytes(), tgt.logicalSectorSize(), physical, src.model(), src.serial(),
                src.removable(), src.table(), src.id(), firstLba, lastLba, src.entries(), named);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static long alignUp(long v, long a) {
        return ceilDiv(v, a) * a;
    }

    static long alignDown(long v, long a) {
        return v / a * a;
    }
}
