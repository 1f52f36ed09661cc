package org.mondo.layout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mondo.layout.FsOptions.BtrfsSubvolume;

/**
 * The layout as text (docs/layout-format.md): one record per line, a keyword first, then
 * {@link RecordLine key=value fields}; "#" starts a comment line. A VG's vgcfgbackup text follows
 * its "vgcfgbackup" record as lines starting with "| ". The first record is
 * "mondo-layout version=1"; a reader refuses other versions rather than guess.
 */
public final class LayoutFormat {
    private static final String TEXT_PREFIX = "|";

    private LayoutFormat() {}

    public static String toText(Layout layout) {
        StringWriter w = new StringWriter();
        try {
            write(layout, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void write(Layout layout, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(layout, w);
        }
    }

    public static void write(Layout l, Writer w) throws IOException {
        w.write("# Mondo storage layout; the format is described in docs/layout-format.md\n");
        rec(w, "mondo-layout", new F().with("version", l.version()).with("host", l.host()).with("created", l.created()));
        if (l.firmware() != null) rec(w, "firmware", new F().with("type", l.firmware().text()));
        for (Disk d : l.disks()) {
            boolean gpt = d.table() == TableType.GPT;
            rec(w, "disk", new F().with("dev", d.device()).with("size", d.sizeBytes())
                    .with("sector", d.logicalSectorSize()).with("physical_sector", d.physicalSectorSize())
                    .with("table", d.table().text()).with("id", d.id())
                    .with("first_lba", gpt ? String.valueOf(d.firstLba()) : null)
                    .with("last_lba", gpt ? String.valueOf(d.lastLba()) : null)
                    .with("entries", gpt ? String.valueOf(d.entries()) : null)
                    .with("model", d.model()).with("serial", d.serial()).with("removable", d.removable() ? "1" : null));
            for (Partition p : d.partitions()) {
                rec(w, "part", new F().with("dev", p.device()).with("disk", d.device()).with("number", p.number())
                        .with("role", d.table() == TableType.MBR ? p.role().text() : null)
                        .with("start", p.start()).with("end", p.end()).with("type", p.type()).with("uuid", p.uuid())
                        .with("name", p.name())
                        .with("attrs", p.attributes() == 0 ? null : String.format("0x%016x", p.attributes()))
                        .with("flags", String.join(",", p.flags())));
            }
        }
        for (MdArray m : l.mdArrays()) {
            rec(w, "md", new F().with("dev", m.device()).with("name", m.name()).with("level", m.level())
                    .with("devices", m.raidDevices()).with("spares", m.spareDevices()).with("metadata", m.metadata())
                    .with("uuid", m.uuid()).with("chunk", m.chunkKib()).with("layout", m.layout())
                    .with("size", m.sizeBytes()));
            for (MdArray.Member x : m.members()) {
                rec(w, "mdmember", new F().with("md", m.device()).with("dev", x.device()).with("role", x.role())
                        .with("state", x.state()));
            }
        }
        for (LvmPv p : l.physicalVolumes()) {
            rec(w, "pv", new F().with("dev", p.device()).with("uuid", p.uuid()).with("vg", p.vg())
                    .with("size", p.sizeBytes()).with("dev_size", p.deviceSizeBytes()).with("pe_start", p.peStartBytes()));
        }
        for (VolumeGroup g : l.volumeGroups()) {
            rec(w, "vg", new F().with("name", g.name()).with("uuid", g.uuid()).with("extent_size", g.extentSizeBytes())
                    .with("extents", g.extentCount()).with("free", g.freeExtents()));
        }
        for (LogicalVolume v : l.logicalVolumes()) {
            rec(w, "lv", new F().with("vg", v.vg()).with("name", v.name()).with("uuid", v.uuid())
                    .with("size", v.sizeBytes()).with("type", v.segmentType()).with("stripes", v.stripes())
                    .with("stripe_size", v.stripeSizeBytes()).with("segments", v.segments()).with("devices", v.devices()));
        }
        for (VolumeGroup g : l.volumeGroups()) {
            if (g.metadata().isEmpty()) continue;
            rec(w, "vgcfgbackup", new F().with("vg", g.name()));
            // The metadata ends with a newline (VolumeGroup sees to it): no "|" line for the empty rest.
            String[] lines = g.metadata().split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                w.write(lines[i].isEmpty() ? TEXT_PREFIX + "\n" : TEXT_PREFIX + " " + lines[i] + "\n");
            }
        }
        for (FileSystem fs : l.fileSystems()) {
            F f = new F().with("dev", fs.device()).with("type", fs.type()).with("uuid", fs.uuid()).with("label", fs.label())
                    .with("used", fs.usedBytes() > 0 ? String.valueOf(fs.usedBytes()) : null);
            switch (fs.options()) {
                case FsOptions.Ext e -> f.with("features", String.join(",", e.features())).with("block_size", e.blockSize())
                        .with("inode_size", e.inodeSize()).with("inode_count", e.inodeCount())
                        .with("block_count", e.blockCount()).with("reserved_blocks", e.reservedBlocks());
                case FsOptions.Xfs x -> f.with("isize", x.isize()).with("bsize", x.bsize()).with("sectsz", x.sectsz())
                        .with("agcount", x.agcount()).with("log_size", x.logBytes())
                        .with("log", x.logInternal() ? "internal" : "external").known("crc", x.crc())
                        .known("finobt", x.finobt()).known("sparse", x.sparse()).known("rmapbt", x.rmapbt())
                        .known("reflink", x.reflink()).known("bigtime", x.bigtime()).known("inobtcount", x.inobtcount())
                        .known("ftype", x.ftype()).with("sunit", x.sunit()).with("swidth", x.swidth());
                case FsOptions.Vfat v -> f.with("fat", v.fatBits()).with("sector_size", v.sectorSize())
                        .with("cluster_size", v.clusterSize());
                case FsOptions.Btrfs b -> f.with("default_subvol", b.defaultSubvolume());
                case FsOptions.None n -> { }
            }
            rec(w, "fs", f);
            if (fs.options() instanceof FsOptions.Btrfs b) {
                for (BtrfsSubvolume s : b.subvolumes()) {
                    rec(w, "subvol", new F().with("dev", fs.device()).with("id", s.id()).with("parent", s.parent())
                            .with("path", s.path()));
                }
            }
        }
        for (Swap s : l.swaps()) {
            rec(w, "swap", new F().with("dev", s.device()).with("uuid", s.uuid()).with("label", s.label())
                    .with("size", s.sizeBytes()).with("priority", s.priority()).with("active", s.active() ? "1" : "0"));
        }
        for (Mount m : l.mounts()) {
            rec(w, "mount", new F().with("spec", m.spec()).with("dev", m.device()).with("mountpoint", m.mountpoint())
                    .with("type", m.type()).with("options", m.options()).with("dump", m.dump()).with("pass", m.pass()));
        }
        for (BootLoader b : l.bootLoaders()) {
            rec(w, "bootloader", new F().with("type", b.kind().text()).with("dev", b.device()).with("path", b.path()));
        }
        if (!l.efiBootOrder().isEmpty()) rec(w, "efiboot", new F().with("order", String.join(",", l.efiBootOrder())));
        for (EfiBootEntry e : l.efiBootEntries()) {
            rec(w, "efientry", new F().with("num", e.number()).with("label", e.label()).with("active", e.active() ? "1" : "0")
                    .with("path", e.devicePath()).with("partuuid", e.partUuid()).with("file", e.file()));
        }
        w.flush();
    }

    private static void rec(Writer w, String keyword, F fields) throws IOException {
        w.write(RecordLine.format(keyword, fields));
        w.write('\n');
    }

    /** Fields in the order they are put; null and empty values are left out when written. */
    private static final class F extends LinkedHashMap<String, String> {
        F with(String key, Object value) {
            super.put(key, value == null ? null : value.toString());
            return this;
        }

        /** An xfs feature bit, left out when xfs_info did not report it (-1). */
        F known(String key, int value) {
            return with(key, value < 0 ? null : String.valueOf(value));
        }
    }

    public static Layout parse(String text) throws LayoutFormatException {
        try {
            return read(new StringReader(text));
        } catch (LayoutFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Layout read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        } catch (LayoutFormatException e) {
            throw new LayoutFormatException(file + ": " + e.getMessage());
        }
    }

    public static Layout read(Reader reader) throws IOException {
        return new Parser().parse(new BufferedReader(reader));
    }

    /** Reads records in any order, then ties parts to disks, members to arrays, subvolumes to filesystems. */
    private static final class Parser {
        private Integer version;
        private String host = "";
        private String created = "";
        private Firmware firmware;
        private final Map<String, DiskBuilder> disks = new LinkedHashMap<>();
        private final Map<String, MdBuilder> mds = new LinkedHashMap<>();
        private final List<LvmPv> pvs = new ArrayList<>();
        private final Map<String, VolumeGroup> vgs = new LinkedHashMap<>();
        private final Map<String, StringBuilder> vgText = new LinkedHashMap<>();
        private final List<LogicalVolume> lvs = new ArrayList<>();
        private final Map<String, FsBuilder> fss = new LinkedHashMap<>();
        private final List<Swap> swaps = new ArrayList<>();
        private final List<Mount> mounts = new ArrayList<>();
        private final List<BootLoader> loaders = new ArrayList<>();
        private List<String> efiOrder = List.of();
        private final List<EfiBootEntry> efiEntries = new ArrayList<>();
        private StringBuilder text;

        Layout parse(BufferedReader in) throws IOException {
            int n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.startsWith(TEXT_PREFIX)) {
                    if (text == null) throw RecordLine.error(n, "a '|' line must follow a vgcfgbackup record");
                    text.append(line.length() > 1 ? line.substring(line.startsWith("| ") ? 2 : 1) : "").append('\n');
                    continue;
                }
                text = null;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                RecordLine r = RecordLine.parse(s, n);
                if (version == null && !r.keyword().equals("mondo-layout")) {
                    throw r.error("the first record must be 'mondo-layout version=" + Layout.VERSION + "'");
                }
                try {
                    record(r);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw r.error(e.getMessage());
                }
                r.requireNoOthers();
            }
            if (version == null) throw new LayoutFormatException("not a Mondo layout: no 'mondo-layout' record");
            return build();
        }

        private void record(RecordLine r) throws LayoutFormatException {
            switch (r.keyword()) {
                case "mondo-layout" -> {
                    if (version != null) throw r.error("a second header");
                    version = r.integer("version");
                    if (version != Layout.VERSION) {
                        throw r.error("version " + version + " is not supported (this Mondo reads version "
                                + Layout.VERSION + ")");
                    }
                    host = r.opt("host");
                    created = r.opt("created");
                }
                case "firmware" -> firmware = Firmware.parse(r.str("type"));
                case "disk" -> {
                    String dev = r.str("dev");
                    if (disks.containsKey(dev)) throw r.error("disk " + dev + " twice");
                    disks.put(dev, new DiskBuilder(r, dev));
                }
                case "part" -> {
                    DiskBuilder d = disks.get(r.str("disk"));
                    if (d == null) throw r.error("no disk record for " + r.str("disk") + " before it");
                    String dev = r.str("dev");
                    int number = r.integer("number");
                    Partition.Role role = r.has("role") ? Partition.Role.parse(r.str("role")) : Partition.Role.PRIMARY;
                    d.partitions.add(new Partition(dev, number, role, r.num("start"), r.num("end"), r.str("type"),
                            r.opt("uuid"), r.opt("name"), r.num("attrs", 0), r.list("flags")));
                }
                case "md" -> {
                    String dev = r.str("dev");
                    if (mds.containsKey(dev)) throw r.error("md " + dev + " twice");
                    mds.put(dev, new MdBuilder(r, dev));
                }
                case "mdmember" -> {
                    MdBuilder m = mds.get(r.str("md"));
                    if (m == null) throw r.error("no md record for " + r.str("md") + " before it");
                    m.members.add(new MdArray.Member(r.str("dev"), r.str("role"), r.opt("state")));
                }
                case "pv" -> pvs.add(new LvmPv(r.str("dev"), r.str("uuid"), r.opt("vg"), r.num("size"),
                        r.num("dev_size", 0), r.num("pe_start", 0)));
                case "vg" -> {
                    String name = r.str("name");
                    if (vgs.containsKey(name)) throw r.error("vg " + name + " twice");
                    vgs.put(name, new VolumeGroup(name, r.str("uuid"), r.num("extent_size"), r.num("extents", 0),
                            r.num("free", 0), ""));
                }
                case "lv" -> lvs.add(new LogicalVolume(r.str("vg"), r.str("name"), r.opt("uuid"), r.num("size"),
                        r.has("type") ? r.str("type") : "linear", r.integer("stripes", 1), r.num("stripe_size", 0),
                        r.integer("segments", 1), r.opt("devices")));
                case "vgcfgbackup" -> {
                    String vg = r.str("vg");
                    if (vgText.containsKey(vg)) throw r.error("vgcfgbackup of " + vg + " twice");
                    text = new StringBuilder();
                    vgText.put(vg, text);
                }
                case "fs" -> {
                    String dev = r.str("dev");
                    if (fss.containsKey(dev)) throw r.error("fs on " + dev + " twice");
                    fss.put(dev, new FsBuilder(r, dev));
                }
                case "subvol" -> {
                    FsBuilder f = fss.get(r.str("dev"));
                    if (f == null || f.subvolumes == null) {
                        throw r.error("no btrfs fs record for " + r.str("dev") + " before it");
                    }
                    f.subvolumes.add(new BtrfsSubvolume(r.num("id"), r.num("parent"), r.str("path")));
                }
                case "swap" -> swaps.add(new Swap(r.str("dev"), r.opt("uuid"), r.opt("label"), r.num("size", 0),
                        r.integer("priority", -1), r.flag("active")));
                case "mount" -> mounts.add(new Mount(r.str("spec"), r.str("dev"), r.str("mountpoint"), r.str("type"),
                        r.opt("options"), r.integer("dump", 0), r.integer("pass", 0)));
                case "bootloader" -> loaders.add(new BootLoader(BootLoader.Kind.parse(r.str("type")), r.str("dev"),
                        r.opt("path")));
                case "efiboot" -> efiOrder = r.list("order");
                case "efientry" -> efiEntries.add(new EfiBootEntry(r.str("num"), r.opt("label"), r.flag("active"),
                        r.opt("path"), r.opt("partuuid"), r.opt("file")));
                default -> throw r.error("unknown record");
            }
        }

        private Layout build() throws LayoutFormatException {
            List<VolumeGroup> groups = new ArrayList<>();
            for (VolumeGroup g : vgs.values()) {
                StringBuilder t = vgText.remove(g.name());
                groups.add(t == null ? g : new VolumeGroup(g.name(), g.uuid(), g.extentSizeBytes(), g.extentCount(),
                        g.freeExtents(), t.toString()));
            }
            if (!vgText.isEmpty()) {
                throw new LayoutFormatException("vgcfgbackup for unknown vg " + vgText.keySet().iterator().next());
            }
            for (LogicalVolume v : lvs) {
                if (!vgs.containsKey(v.vg())) throw new LayoutFormatException("lv " + v.name() + ": unknown vg " + v.vg());
            }
            return new Layout(version, host, created, firmware,
                    disks.values().stream().map(DiskBuilder::build).toList(),
                    mds.values().stream().map(MdBuilder::build).toList(), pvs, groups, lvs,
                    fss.values().stream().map(FsBuilder::build).toList(), swaps, mounts, loaders, efiOrder, efiEntries);
        }
    }

    private static final class DiskBuilder {
        final String device;
        final long size;
        final int sector;
        final int physical;
        final String model;
        final String serial;
        final boolean removable;
        final TableType table;
        final String id;
        final long firstLba;
        final long lastLba;
        final int entries;
        final List<Partition> partitions = new ArrayList<>();

        DiskBuilder(RecordLine r, String device) throws LayoutFormatException {
            this.device = device;
            size = r.num("size");
            sector = r.integer("sector", 512);
            physical = r.integer("physical_sector", sector);
            table = TableType.parse(r.str("table"));
            id = r.opt("id");
            firstLba = r.num("first_lba", 0);
            lastLba = r.num("last_lba", 0);
            entries = r.integer("entries", 0);
            model = r.opt("model");
            serial = r.opt("serial");
            removable = r.flag("removable");
        }

        Disk build() {
            return new Disk(device, size, sector, physical, model, serial, removable, table, id, firstLba, lastLba,
                    entries, partitions);
        }
    }

    private static final class MdBuilder {
        final String device;
        final String name;
        final String level;
        final int devices;
        final int spares;
        final String metadata;
        final String uuid;
        final int chunk;
        final String layout;
        final long size;
        final List<MdArray.Member> members = new ArrayList<>();

        MdBuilder(RecordLine r, String device) throws LayoutFormatException {
            this.device = device;
            name = r.opt("name");
            level = r.str("level");
            devices = r.integer("devices");
            spares = r.integer("spares", 0);
            metadata = r.str("metadata");
            uuid = r.str("uuid");
            chunk = r.integer("chunk", 0);
            layout = r.opt("layout");
            size = r.num("size", 0);
        }

        MdArray build() {
            return new MdArray(device, name, level, devices, spares, metadata, uuid, chunk, layout, size, members);
        }
    }

    private static final class FsBuilder {
        private static final List<String> EXT_KEYS =
                List.of("features", "block_size", "inode_size", "inode_count", "block_count", "reserved_blocks");
        private static final List<String> XFS_KEYS = List.of("isize", "bsize", "sectsz", "agcount", "log_size", "log",
                "crc", "finobt", "sparse", "rmapbt", "reflink", "bigtime", "inobtcount", "ftype", "sunit", "swidth");
        private static final List<String> VFAT_KEYS = List.of("fat", "sector_size", "cluster_size");

        final String device;
        final String type;
        final String uuid;
        final String label;
        final FsOptions options;
        final List<BtrfsSubvolume> subvolumes;
        final long defaultSubvolume;
        final long used;

        FsBuilder(RecordLine r, String device) throws LayoutFormatException {
            this.device = device;
            type = r.str("type");
            used = r.num("used", 0);
            uuid = r.opt("uuid");
            label = r.opt("label");
            boolean btrfs = type.equals("btrfs");
            subvolumes = btrfs ? new ArrayList<>() : null;
            defaultSubvolume = btrfs ? r.num("default_subvol", 5) : 0;
            options = switch (type) {
                case "ext2", "ext3", "ext4" -> anyOf(r, EXT_KEYS)
                        ? new FsOptions.Ext(r.list("features"), r.integer("block_size", 0), r.integer("inode_size", 0),
                                r.num("inode_count", 0), r.num("block_count", 0), r.num("reserved_blocks", 0))
                        : FsOptions.NONE;
                case "xfs" -> anyOf(r, XFS_KEYS) ? xfs(r) : FsOptions.NONE;
                case "vfat" -> anyOf(r, VFAT_KEYS)
                        ? new FsOptions.Vfat(r.integer("fat", 0), r.integer("sector_size", 0), r.integer("cluster_size", 0))
                        : FsOptions.NONE;
                default -> FsOptions.NONE;
            };
        }

        private static FsOptions xfs(RecordLine r) throws LayoutFormatException {
            String log = r.has("log") ? r.str("log") : "internal";
            if (!log.equals("internal") && !log.equals("external")) throw r.error("log must be internal or external");
            return new FsOptions.Xfs(r.integer("isize", 0), r.integer("bsize", 0), r.integer("sectsz", 0),
                    r.integer("agcount", 0), r.num("log_size", 0), log.equals("internal"), r.integer("crc", -1),
                    r.integer("finobt", -1), r.integer("sparse", -1), r.integer("rmapbt", -1), r.integer("reflink", -1),
                    r.integer("bigtime", -1), r.integer("inobtcount", -1), r.integer("ftype", -1), r.num("sunit", 0),
                    r.num("swidth", 0));
        }

        private static boolean anyOf(RecordLine r, List<String> keys) {
            return keys.stream().anyMatch(r::has);
        }

        FileSystem build() {
            FsOptions o = subvolumes != null ? new FsOptions.Btrfs(defaultSubvolume, subvolumes) : options;
            return new FileSystem(device, type, uuid, label, o, used);
        }
    }
}
