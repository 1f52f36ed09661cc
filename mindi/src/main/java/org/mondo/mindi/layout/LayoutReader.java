package org.mondo.mindi.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.mondo.layout.BootLoader;
import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Firmware;
import org.mondo.layout.FsOptions;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.MdArray;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;
import org.mondo.layout.TableType;
import org.mondo.layout.VolumeGroup;
import org.mondo.tools.CommandResult;
import org.mondo.tools.ToolException;

/**
 * Reads the storage layout of a machine: partition tables straight from the disks, sysfs for
 * sizes, and the tools that are the source of truth for the rest (lsblk, blkid, dumpe2fs,
 * xfs_info, btrfs, mdadm, lvm, efibootmgr), each output parsed by its own parser. A tool is run
 * only when the machine has something for it to describe. Reading can be limited to some disks
 * (and what is built on them); the machine-wide facts (firmware, EFI entries) are read anyway.
 */
public final class LayoutReader {
    private static final Logger LOG = Logger.getLogger("mondo.layout");
    /**
     * Devices that are not disks to restore onto: loop, RAM, zram, optical, floppy, stacked ones,
     * and an eMMC's boot and RPMB areas (which the kernel shows as disks of their own).
     */
    private static final Pattern NOT_A_DISK =
            Pattern.compile("(loop|ram|zram|sr|fd|dm-|md|nbd|nullb)\\d.*|mmcblk\\d+(boot\\d+|rpmb)");
    private static final Set<String> NOT_A_FILESYSTEM = Set.of("", "LVM2_member", "linux_raid_member", "swap");
    private static final Pattern GRUB_EFI = Pattern.compile("(?i)grub(x64|ia32|aa64|arm|riscv64|loongarch64)?\\.efi");

    /** Which disks to read (kernel names; empty = every real disk) and the clock for "created". */
    public record Options(Set<String> disks, Clock clock) {
        public Options {
            disks = Set.copyOf(disks);
        }

        public static Options allDisks() {
            return new Options(Set.of(), Clock.systemUTC());
        }

        public static Options onlyDisks(Collection<String> disks) {
            return new Options(new LinkedHashSet<>(disks), Clock.systemUTC());
        }
    }

    private final Machine m;
    private final Options options;
    private final List<String> warnings = new ArrayList<>();
    private String lastCommand = "lsblk";

    public LayoutReader(Machine machine, Options options) {
        this.m = machine;
        this.options = options;
    }

    /** What did not stop the read but a person should know (also logged). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Reads the layout. A tool that fails, or whose output is not what its parser knows, is an
     * IOException naming the command: a layout with a hole in it would restore a different machine.
     */
    public Layout read() throws IOException {
        try {
            return readAll();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new IOException("cannot understand the output of " + lastCommand + ": " + e.getMessage(), e);
        }
    }

    private Layout readAll() throws IOException {
        DeviceTree tree = new DeviceTree(SysfsReader.read(m), LsblkParser.parse(checked(LsblkParser.COMMAND)));
        List<String> disks = disks(tree);
        Set<String> scope = tree.closure(disks);
        List<Disk> diskRecords = new ArrayList<>();
        Map<String, Partition> partitions = new HashMap<>();
        List<String> probeOrder = new ArrayList<>();
        for (String k : disks) {
            Disk d = disk(tree, k);
            diskRecords.add(d);
            if (d.table() == TableType.NONE) probeOrder.add(k);
            for (Partition p : d.partitions()) {
                String pk = tree.kname(p.device());
                if (pk == null) continue;
                partitions.put(pk, p);
                if (p.role() != Partition.Role.EXTENDED) probeOrder.add(pk);
            }
        }
        // Partitions of something other than a disk read here (a partitioned md array): their
        // filesystems are recorded, their table is not.
        for (String k : DeviceTree.sorted(scope)) {
            SysfsReader.SysDevice s = tree.sys(k);
            if (s != null && s.isPartition() && !partitions.containsKey(k) && !disks.contains(s.disk())) {
                warn(tree.device(k) + " is a partition of " + tree.device(s.disk())
                        + ", whose partition table is not in the layout");
                probeOrder.add(k);
            }
        }
        List<String> mds = DeviceTree.sorted(filter(scope, tree::isMd));
        List<String> dms = filter(scope, tree::isDeviceMapper).stream()
                .sorted((a, b) -> tree.device(a).compareTo(tree.device(b))).toList();
        probeOrder.addAll(mds);
        probeOrder.addAll(dms);
        Map<String, Map<String, String>> probe = new LinkedHashMap<>();
        for (String k : probeOrder) probe.put(k, blkid(tree.device(k)));

        List<MdArray> mdArrays = new ArrayList<>();
        for (String k : mds) mdArrays.add(md(tree, k));
        Lvm lvm = lvm(tree, scope, probe);
        Mounts mounts = new Mounts(m, tree, scope, probe, partitions);
        List<FileSystem> fileSystems = new ArrayList<>();
        List<Swap> swaps = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : probe.entrySet()) {
            String type = e.getValue().getOrDefault("TYPE", "");
            if (type.equals("swap")) {
                swaps.add(mounts.swap(e.getKey(), e.getValue()));
            } else if (type.equals("crypto_LUKS")) {
                warn(tree.device(e.getKey()) + " is LUKS-encrypted: its contents are not in the layout yet");
            } else if (!NOT_A_FILESYSTEM.contains(type)) {
                fileSystems.add(fileSystem(tree, mounts, e.getKey(), e.getValue()));
            }
        }
        Firmware firmware = m.exists("/sys/firmware/efi") ? Firmware.UEFI : Firmware.BIOS;
        List<BootLoader> loaders = bootLoaders(tree, new LinkedHashSet<>(disks), mounts, partitions, firmware);
        EfibootmgrParser.EfiBoot efi = firmware == Firmware.UEFI ? efiBoot()
                : new EfibootmgrParser.EfiBoot(List.of(), List.of());
        warnings.addAll(mounts.warnings());
        return new Layout(Layout.VERSION, host(), options.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                firmware, diskRecords, mdArrays, lvm.pvs(), lvm.vgs(), lvm.lvs(), fileSystems, swaps, mounts.mounts(),
                loaders, efi.order(), efi.entries());
    }

    private List<String> disks(DeviceTree tree) throws IOException {
        if (!options.disks().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (String d : DeviceTree.sorted(options.disks())) {
                SysfsReader.SysDevice s = tree.sys(d);
                if (s == null || s.isPartition()) throw new IOException("no disk named " + d + " in /sys/block");
                out.add(d);
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (SysfsReader.SysDevice s : tree.all().values()) {
            if (!s.isPartition() && s.size512() > 0 && !NOT_A_DISK.matcher(s.name()).matches()) out.add(s.name());
        }
        return out;
    }

    private Disk disk(DeviceTree tree, String k) throws IOException {
        SysfsReader.SysDevice s = tree.sys(k);
        String dev = tree.device(k);
        PartitionTable t;
        try (SectorReader r = m.open(dev)) {
            t = PartitionTableReader.read(r, s.logicalSectorSize(), dev);
        } catch (IOException e) {
            throw new IOException("cannot read the partition table of " + dev + ": " + e.getMessage(), e);
        }
        for (String w : t.warnings()) warn(dev + ": " + w);
        compareWithKernel(tree, k, s, t);
        return new Disk(dev, s.sizeBytes(), s.logicalSectorSize(), s.physicalSectorSize(), s.model(), s.serial(),
                s.removable(), t.type(), t.id(), t.firstLba(), t.lastLba(), t.entries(), t.partitions());
    }

    /** The kernel's partitions should be the table's: if not, the table changed without a re-read. */
    private void compareWithKernel(DeviceTree tree, String disk, SysfsReader.SysDevice s, PartitionTable t) {
        Map<Integer, SysfsReader.SysDevice> kernel = new HashMap<>();
        for (SysfsReader.SysDevice d : tree.all().values()) {
            if (d.disk().equals(disk)) kernel.put(d.number(), d);
        }
        long per512 = s.logicalSectorSize() / 512;
        for (Partition p : t.partitions()) {
            SysfsReader.SysDevice d = kernel.remove(p.number());
            boolean same = d != null && d.start() == p.start() * per512
                    && (p.role() == Partition.Role.EXTENDED || d.size512() == p.sectors() * per512);
            if (!same) {
                warn(tree.device(disk) + ": partition " + p.number() + " on disk differs from the kernel's view "
                        + "(changed without a re-read? the layout records the disk's table)");
            }
        }
        for (int n : kernel.keySet()) {
            warn(tree.device(disk) + ": the kernel has a partition " + n + " that the table on disk does not");
        }
    }

    private Map<String, String> blkid(String device) throws IOException {
        lastCommand = String.join(" ", BlkidParser.command(device));
        CommandResult r = m.run(BlkidParser.command(device));
        if (r.exitCode() == 2) return Map.of(); // nothing recognised on the device
        if (!r.succeeded()) {
            warn("blkid " + device + " failed (exit " + r.exitCode() + "): " + r.lastLine());
            return Map.of();
        }
        return BlkidParser.parse(r.output());
    }

    private MdArray md(DeviceTree tree, String k) throws IOException {
        String dev = tree.device(k);
        MdArray a = MdadmParser.parse(dev, checked(MdadmParser.exportCommand(dev)),
                checked(MdadmParser.detailCommand(dev)));
        List<MdArray.Member> members = new ArrayList<>();
        for (MdArray.Member x : a.members()) {
            members.add(new MdArray.Member(canonical(tree, x.device()), x.role(), x.state()));
        }
        return new MdArray(a.device(), a.name(), a.level(), a.raidDevices(), a.spareDevices(), a.metadata(), a.uuid(),
                a.chunkKib(), a.layout(), a.sizeBytes(), members);
    }

    private record Lvm(List<LvmPv> pvs, List<VolumeGroup> vgs, List<LogicalVolume> lvs) {}

    /** The PVs in scope, their VGs (with vgcfgbackup text) and all LVs of those VGs. */
    private Lvm lvm(DeviceTree tree, Set<String> scope, Map<String, Map<String, String>> probe) throws IOException {
        boolean any = probe.values().stream().anyMatch(p -> "LVM2_member".equals(p.get("TYPE")));
        if (!any) return new Lvm(List.of(), List.of(), List.of());
        List<LvmPv> pvs = new ArrayList<>();
        Set<String> vgNames = new LinkedHashSet<>();
        List<LvmPv> all = LvmParser.pvs(checked(LvmParser.PVS));
        for (LvmPv p : all) {
            String k = kernelName(tree, p.device());
            if (k == null || !scope.contains(k)) continue;
            pvs.add(new LvmPv(tree.device(k), p.uuid(), p.vg(), p.sizeBytes(), p.deviceSizeBytes(), p.peStartBytes()));
            if (!p.vg().isEmpty()) vgNames.add(p.vg());
        }
        for (LvmPv p : all) {
            String k = kernelName(tree, p.device());
            if (vgNames.contains(p.vg()) && (k == null || !scope.contains(k))) {
                warn("volume group " + p.vg() + " also lives on " + p.device() + ", which is not among the disks read");
            }
        }
        List<VolumeGroup> vgs = new ArrayList<>();
        for (VolumeGroup g : LvmParser.vgs(checked(LvmParser.VGS))) {
            if (!vgNames.contains(g.name())) continue;
            vgs.add(new VolumeGroup(g.name(), g.uuid(), g.extentSizeBytes(), g.extentCount(), g.freeExtents(),
                    vgcfgbackup(g.name())));
        }
        List<LogicalVolume> lvs = LvmParser.lvs(checked(LvmParser.LVS)).stream()
                .filter(v -> vgNames.contains(v.vg())).toList();
        return new Lvm(pvs, vgs, lvs);
    }

    /** The VG's metadata as vgcfgbackup writes it; it writes only to a file, so through a temporary one. */
    private String vgcfgbackup(String vg) throws IOException {
        Path tmp = Files.createTempFile("mondo-vgcfgbackup-", ".txt");
        try {
            checked(LvmParser.vgcfgbackupCommand(tmp.toString(), vg));
            return Files.readString(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private FileSystem fileSystem(DeviceTree tree, Mounts mounts, String k, Map<String, String> probe)
            throws IOException {
        String dev = tree.device(k);
        String type = probe.get("TYPE");
        FsOptions options = switch (type) {
            case "ext2", "ext3", "ext4" -> Dumpe2fsParser.parse(checked(Dumpe2fsParser.command(dev))).options();
            case "xfs" -> XfsInfoParser.parse(checked(XfsInfoParser.command(dev)));
            case "vfat" -> {
                FsOptions.Vfat v;
                try (SectorReader r = m.open(dev)) {
                    v = VfatBootSector.parse(r.read(0, 512));
                }
                if (v == null) warn(dev + ": vfat boot sector not understood; FAT geometry not recorded");
                yield v == null ? FsOptions.NONE : v;
            }
            case "btrfs" -> btrfs(dev, mounts.mountpointOf(k));
            default -> FsOptions.NONE;
        };
        String mountpoint = mounts.mountpointOf(k);
        return new FileSystem(dev, type, probe.getOrDefault("UUID", ""), probe.getOrDefault("LABEL", ""), options,
                mountpoint == null || mountpoint.isEmpty() ? 0 : m.usedBytes(mountpoint));
    }

    /** btrfs describes subvolumes only through a mounted filesystem. */
    private FsOptions btrfs(String dev, String mountpoint) throws IOException {
        if (mountpoint == null) {
            warn(dev + ": btrfs not mounted, so its subvolumes are not recorded");
            return new FsOptions.Btrfs(5, List.of());
        }
        return new FsOptions.Btrfs(BtrfsParser.defaultSubvolume(checked(BtrfsParser.defaultCommand(mountpoint))),
                BtrfsParser.subvolumes(checked(BtrfsParser.listCommand(mountpoint))));
    }

    /**
     * GRUB (or LILO) in sector 0 of the disks holding /boot (else /), as MondoRescue looks for it,
     * and GRUB images on a mounted ESP. The ones the firmware uses come first.
     */
    private List<BootLoader> bootLoaders(DeviceTree tree, Set<String> disks, Mounts mounts,
            Map<String, Partition> partitions, Firmware firmware) throws IOException {
        List<BootLoader> bios = new ArrayList<>();
        String boot = mounts.kernelNameAt("/boot");
        if (boot == null) boot = mounts.kernelNameAt("/");
        if (boot != null) {
            for (String d : tree.underlyingDisks(boot, disks)) {
                byte[] s0;
                try (SectorReader r = m.open(tree.device(d))) {
                    s0 = r.read(0, 512);
                }
                BootLoader.Kind kind = BootCode.detect(s0);
                if (kind != null) bios.add(new BootLoader(kind, tree.device(d), ""));
            }
        }
        List<BootLoader> efi = new ArrayList<>();
        for (Map.Entry<String, Partition> e : partitions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            String mp = mounts.mountpointOf(e.getKey());
            if (!e.getValue().hasFlag("esp") || mp == null) continue;
            for (String image : grubImages(mp)) {
                efi.add(new BootLoader(BootLoader.Kind.GRUB_EFI, tree.device(e.getKey()), image));
            }
        }
        List<BootLoader> out = new ArrayList<>(firmware == Firmware.UEFI ? efi : bios);
        out.addAll(firmware == Firmware.UEFI ? bios : efi);
        return out;
    }

    /** /EFI/<vendor>/grub*.efi on an ESP mounted at {@code mp}, as paths inside the ESP. FAT ignores case. */
    private List<String> grubImages(String mp) throws IOException {
        List<String> out = new ArrayList<>();
        for (String efi : m.list(mp)) {
            if (!efi.equalsIgnoreCase("EFI")) continue;
            for (String vendor : m.list(mp + "/" + efi)) {
                if (vendor.equalsIgnoreCase("BOOT")) continue; // the fallback loader, a copy
                for (String f : m.list(mp + "/" + efi + "/" + vendor)) {
                    if (GRUB_EFI.matcher(f).matches()) out.add("/" + efi + "/" + vendor + "/" + f);
                }
            }
        }
        return out;
    }

    private EfibootmgrParser.EfiBoot efiBoot() throws IOException {
        if (!m.hasProgram("efibootmgr")) {
            warn("UEFI firmware, but efibootmgr is not installed: EFI boot entries not recorded");
            return new EfibootmgrParser.EfiBoot(List.of(), List.of());
        }
        CommandResult r = m.run(EfibootmgrParser.COMMAND);
        if (!r.succeeded()) {
            warn("efibootmgr -v failed (exit " + r.exitCode() + "): " + r.lastLine() + "; EFI boot entries not recorded");
            return new EfibootmgrParser.EfiBoot(List.of(), List.of());
        }
        return EfibootmgrParser.parse(r.output());
    }

    private String host() throws IOException {
        try {
            return m.readFile("/proc/sys/kernel/hostname").strip();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** A /dev path a tool printed, as the layout names it (e.g. mdadm's /dev/dm-3 → /dev/mapper/...). */
    private String canonical(DeviceTree tree, String path) throws IOException {
        String k = kernelName(tree, path);
        return k == null ? path : tree.device(k);
    }

    private String kernelName(DeviceTree tree, String path) throws IOException {
        String k = tree.kname(path);
        if (k != null || !m.exists(path)) return k;
        return tree.kname(m.realPath(path));
    }

    private String checked(List<String> argv) throws IOException {
        lastCommand = String.join(" ", argv);
        CommandResult r = m.run(argv);
        if (!r.succeeded()) {
            String line = r.lastLine();
            throw new ToolException(argv.getFirst() + " failed (exit " + r.exitCode() + ")"
                    + (line.isEmpty() ? ", no output" : ": " + line), r);
        }
        return r.output();
    }

    private void warn(String message) {
        LOG.warning(message);
        warnings.add(message);
    }

    private static Set<String> filter(Set<String> names, Predicate<String> p) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (p.test(n)) out.add(n);
        }
        return out;
    }
}
