package org.mondo.layout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MondoRescue's mountlist.txt: one line per device, "device mountpoint format size_KB [label]".
 * LVM physical volumes read "lvm lvm", md members "raid raid", swap "swap swap"; a logical volume's
 * size column is the word "lvm"; sizes are KiB; the fifth column is the filesystem's label, or its
 * UUID when it has none. Derived from a {@link Layout}: partitions in disk order, then md arrays,
 * then logical volumes. A column cannot hold whitespace, so a mountpoint or label with a space is
 * written as fstab writes it ("/srv/my\040data"); entries keep that escaped form.
 */
public record Mountlist(List<Entry> entries) {
    /** The size column of a logical volume ("lvm"). */
    public static final long LVM_SIZE = -1;
    public static final String HEADER = "# device mountpoint format size(KB) label/uuid";

    public Mountlist {
        entries = List.copyOf(entries);
    }

    public record Entry(String device, String mountpoint, String format, long sizeKib, String label) {
        public Entry {
            label = label == null ? "" : label;
            for (String s : List.of(device, mountpoint, format, label)) {
                if (s.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("mountlist column with a space: '" + s + "'");
                }
            }
        }

        public boolean isLogicalVolume() {
            return sizeKib == LVM_SIZE;
        }

        String line() {
            String size = isLogicalVolume() ? "lvm" : Long.toString(sizeKib);
            String s = String.format("%-24s %-16s %-8s %-12s", device, mountpoint, format, size);
            return (label.isEmpty() ? s : s + " " + label).stripTrailing();
        }
    }

    public static Mountlist from(Layout layout) {
        List<Entry> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Disk d : layout.disks()) {
            if (d.table() == TableType.NONE) {
                add(out, done, layout, d.device(), d.sizeBytes(), false);
            }
            for (Partition p : d.partitions()) {
                add(out, done, layout, p.device(), p.sectors() * d.logicalSectorSize(), false);
            }
        }
        for (MdArray m : layout.mdArrays()) add(out, done, layout, m.device(), m.sizeBytes(), false);
        for (LogicalVolume v : layout.logicalVolumes()) add(out, done, layout, v.device(), v.sizeBytes(), true);
        return new Mountlist(out);
    }

    /** One line for a device that is a PV, an md member, swap or a mounted filesystem; else none. */
    private static void add(List<Entry> out, Set<String> done, Layout l, String dev, long bytes, boolean lv) {
        if (!done.add(dev)) return;
        String name = escape(dev);
        long kib = lv ? LVM_SIZE : bytes / 1024;
        if (l.physicalVolume(dev).isPresent()) {
            out.add(new Entry(name, "lvm", "lvm", kib, ""));
        } else if (l.mdArrayWithMember(dev).isPresent()) {
            out.add(new Entry(name, "raid", "raid", kib, ""));
        } else if (l.swap(dev).isPresent()) {
            Swap s = l.swap(dev).get();
            out.add(new Entry(name, "swap", "swap", kib, escape(s.label().isEmpty() ? s.uuid() : s.label())));
        } else {
            // A device mounted twice (btrfs subvolumes, bind mounts) is listed once, at its first mountpoint.
            l.mounts().stream().filter(m -> m.device().equals(dev)).findFirst().ifPresent(m -> {
                FileSystem fs = l.fileSystem(dev).orElse(null);
                String label = fs == null ? "" : fs.label().isEmpty() ? fs.uuid() : fs.label();
                out.add(new Entry(name, escape(m.mountpoint()), format(m.type()), kib, escape(label)));
            });
        }
    }

    /** fstab's octal escapes for whitespace and the backslash. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || Character.isWhitespace(c)) sb.append(String.format("\\%03o", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** MondoRescue's own rewrites: dos/msdos are vfat, "ext3,ext2" lists keep the first. */
    private static String format(String type) {
        String t = type.contains(",") ? type.substring(0, type.indexOf(',')) : type;
        return t.equals("msdos") || t.equals("dos") ? "vfat" : t;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) sb.append(e.line()).append('\n');
        return sb.toString();
    }

    public static Mountlist parse(String text) throws LayoutFormatException {
        try {
            return read(new StringReader(text));
        } catch (LayoutFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads 4- or 5-column lines; "#" comments and blank lines are skipped. */
    public static Mountlist read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<Entry> out = new ArrayList<>();
        int n = 0;
        for (String line; (line = in.readLine()) != null; ) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] f = s.split("\\s+");
            if (f.length < 4 || f.length > 5) {
                throw new LayoutFormatException("mountlist line " + n + ": expected 4 or 5 columns, found " + f.length);
            }
            long size;
            if (f[3].equals("lvm")) {
                size = LVM_SIZE;
            } else {
                try {
                    size = Long.parseLong(f[3]);
                } catch (NumberFormatException e) {
                    throw new LayoutFormatException("mountlist line " + n + ": size '" + f[3] + "' is not a number or lvm");
                }
                if (size < 0) throw new LayoutFormatException("mountlist line " + n + ": negative size " + size);
            }
            out.add(new Entry(f[0], f[1], f[2], size, f.length == 5 ? f[4] : ""));
        }
        return new Mountlist(out);
    }
}
