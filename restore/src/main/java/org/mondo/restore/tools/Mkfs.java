package org.mondo.restore.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mondo.layout.FileSystem;
import org.mondo.layout.FsOptions;
import org.mondo.layout.Swap;
import org.mondo.tools.ToolException;

/**
 * mke2fs, mkfs.xfs, mkfs.vfat, mkfs.btrfs and mkswap: each filesystem made again with its UUID,
 * label and the creation options the layout recorded. {@code exact} (same device size) also
 * repeats the sizes (block and inode counts, allocation groups, log size); after a resize mkfs
 * chooses them for the new size, keeping the ratios.
 */
public final class Mkfs {
    public static final Set<String> TYPES = Set.of("ext2", "ext3", "ext4", "xfs", "vfat", "btrfs");
    private final Commands commands;

    public Mkfs(Commands commands) {
        this.commands = commands;
    }

    public void make(FileSystem fs, boolean exact) throws ToolException {
        commands.check(command(fs, exact));
    }

    public void makeSwap(Swap s) throws ToolException {
        commands.check(swapCommand(s));
    }

    static List<String> swapCommand(Swap s) {
        List<String> a = new ArrayList<>(List.of("mkswap", "-f"));
        if (!s.uuid().isEmpty()) a.addAll(List.of("-U", s.uuid()));
        if (!s.label().isEmpty()) a.addAll(List.of("-L", s.label()));
        a.add(s.device());
        return a;
    }

    public static List<String> command(FileSystem fs, boolean exact) {
        return switch (fs.type()) {
            case "ext2", "ext3", "ext4" -> ext(fs, exact);
            case "xfs" -> xfs(fs, exact);
            case "vfat" -> vfat(fs);
            case "btrfs" -> btrfs(fs);
            default -> throw new IllegalArgumentException("Mondo cannot make a " + fs.type() + " filesystem (" + fs.device() + ")");
        };
    }

    private static List<String> ext(FileSystem fs, boolean exact) {
        List<String> a = new ArrayList<>(List.of("mke2fs", "-F", "-q", "-t", fs.type()));
        if (!fs.uuid().isEmpty()) a.addAll(List.of("-U", fs.uuid()));
        if (!fs.label().isEmpty()) a.addAll(List.of("-L", fs.label()));
        long blocks = 0;
        if (fs.options() instanceof FsOptions.Ext e) {
            if (e.blockSize() > 0) a.addAll(List.of("-b", String.valueOf(e.blockSize())));
            if (e.inodeSize() > 0) a.addAll(List.of("-I", String.valueOf(e.inodeSize())));
            if (!e.features().isEmpty()) a.addAll(List.of("-O", "none," + String.join(",", e.features())));
            if (e.inodeCount() > 0 && e.blockCount() > 0) {
                if (exact) a.addAll(List.of("-N", String.valueOf(e.inodeCount())));
                else a.addAll(List.of("-i", String.valueOf(Math.max(1024, e.blockCount() * e.blockSize() / e.inodeCount()))));
            }
            if (e.blockCount() > 0) {
                a.addAll(List.of("-m", String.format(Locale.ROOT, "%.4f", e.reservedBlocks() * 100.0 / e.blockCount())));
                if (exact) blocks = e.blockCount();
            }
        }
        a.add(fs.device());
        if (blocks > 0) a.add(String.valueOf(blocks));
        return a;
    }

    private static List<String> xfs(FileSystem fs, boolean exact) {
        List<String> a = new ArrayList<>(List.of("mkfs.xfs", "-f"));
        List<String> meta = new ArrayList<>();
        if (!fs.uuid().isEmpty()) meta.add("uuid=" + fs.uuid());
        if (fs.options() instanceof FsOptions.Xfs x) {
            bit(meta, "crc", x.crc());
            bit(meta, "finobt", x.finobt());
            bit(meta, "rmapbt", x.rmapbt());
            bit(meta, "reflink", x.reflink());
            bit(meta, "bigtime", x.bigtime());
            bit(meta, "inobtcount", x.inobtcount());
            List<String> inode = new ArrayList<>();
            if (x.isize() > 0) inode.add("size=" + x.isize());
            bit(inode, "sparse", x.sparse());
            if (!inode.isEmpty()) a.addAll(List.of("-i", String.join(",", inode)));
            if (x.bsize() > 0) a.addAll(List.of("-b", "size=" + x.bsize()));
            if (x.sectsz() > 0) a.addAll(List.of("-s", "size=" + x.sectsz()));
            List<String> data = new ArrayList<>();
            if (exact && x.agcount() > 0) data.add("agcount=" + x.agcount());
            if (x.sunit() > 0 && x.swidth() > 0 && x.bsize() > 0) {
                data.add("su=" + x.sunit() * x.bsize());
                data.add("sw=" + x.swidth() / x.sunit());
            }
            if (!data.isEmpty()) a.addAll(List.of("-d", String.join(",", data)));
            if (exact && x.logInternal() && x.logBytes() > 0) a.addAll(List.of("-l", "size=" + x.logBytes()));
            if (x.ftype() >= 0) a.addAll(List.of("-n", "ftype=" + x.ftype()));
        }
        if (!meta.isEmpty()) a.addAll(List.of("-m", String.join(",", meta)));
        if (!fs.label().isEmpty()) a.addAll(List.of("-L", fs.label()));
        a.add(fs.device());
        return a;
    }

    private static void bit(List<String> out, String name, int value) {
        if (value >= 0) out.add(name + "=" + value);
    }

    private static List<String> vfat(FileSystem fs) {
        List<String> a = new ArrayList<>(List.of("mkfs.vfat"));
        if (fs.options() instanceof FsOptions.Vfat v) {
            if (v.fatBits() > 0) a.addAll(List.of("-F", String.valueOf(v.fatBits())));
            if (v.sectorSize() > 0) a.addAll(List.of("-S", String.valueOf(v.sectorSize())));
            if (v.clusterSize() > 0 && v.sectorSize() > 0) a.addAll(List.of("-s", String.valueOf(v.clusterSize() / v.sectorSize())));
        }
        if (!fs.uuid().isEmpty()) a.addAll(List.of("-i", fs.uuid().replace("-", "")));
        if (!fs.label().isEmpty()) a.addAll(List.of("-n", fs.label()));
        a.add(fs.device());
        return a;
    }

    private static List<String> btrfs(FileSystem fs) {
        List<String> a = new ArrayList<>(List.of("mkfs.btrfs", "-f"));
        if (!fs.uuid().isEmpty()) a.addAll(List.of("-U", fs.uuid()));
        if (!fs.label().isEmpty()) a.addAll(List.of("-L", fs.label()));
        a.add(fs.device());
        return a;
    }
}
