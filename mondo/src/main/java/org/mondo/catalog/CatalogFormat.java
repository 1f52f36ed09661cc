package org.mondo.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.mondo.nativeio.ByteLine;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.PathBytes;

/**
 * The catalog as text, one entry per line, tab-separated, so that an admin can read it with
 * {@code zcat catalog.gz | less}. Column order is in {@link #COLUMNS}; docs/on-media-format.md
 * explains each one. Names are escaped by {@link PathBytes#escape}; "-" marks an empty field.
 */
public final class CatalogFormat {
    public static final int VERSION = 1;
    public static final String MAGIC = "# mondo-catalog " + VERSION;
    public static final String COLUMNS =
            "# path\ttype\tmode\tuid\tgid\tuser\tgroup\tmtime\tsize\trdev\tlink\tsparse\tsha256\twhere\tcodec\txattrs";
    private static final HexFormat HEX = HexFormat.of();

    private CatalogFormat() {}

    public static void write(OutputStream out, Iterable<Entry> entries) throws IOException {
        out.write((MAGIC + "\n" + COLUMNS + "\n").getBytes(StandardCharsets.UTF_8));
        writeLines(out, entries);
    }

    /** The entries' lines without the two header lines: a catalog written in parts joins them after one header. */
    public static void writeLines(OutputStream out, Iterable<Entry> entries) throws IOException {
        ByteLine lines = new ByteLine(1 << 16);
        for (Entry e : entries) {
            if (e.gone) continue;
            line(lines, e);
            if (lines.size() >= 1 << 16) {
                lines.writeTo(out);
                lines.clear();
            }
        }
        lines.writeTo(out);
    }

    /** The bytes {@link #write} would write, without writing them. */
    public static long textBytes(Iterable<Entry> entries) {
        long n = (MAGIC + "\n" + COLUMNS + "\n").length();
        ByteLine l = new ByteLine(1 << 12);
        for (Entry e : entries) {
            if (e.gone) continue;
            line(l, e);
            n += l.size();
            l.clear();
        }
        return n;
    }

    static void line(ByteLine l, Entry e) {
        PathBytes.escapeTo(e.path, l);
        l.ascii('\t').ascii(e.hardLink ? 'h' : e.type.letter).ascii('\t');
        l.padded(e.mode, 8, 4).ascii('\t');
        l.unsignedDecimal(e.uid).ascii('\t').unsignedDecimal(e.gid).ascii('\t');
        name(l, e.user);
        l.ascii('\t');
        name(l, e.group);
        l.ascii('\t').decimal(e.mtimeSec).ascii('.').padded(e.mtimeNsec, 10, 9).ascii('\t');
        l.decimal(e.size).ascii('\t');
        if (e.type == FileType.CHAR_DEVICE || e.type == FileType.BLOCK_DEVICE) {
            l.decimal(e.rdevMajor).ascii(',').decimal(e.rdevMinor);
        } else {
            l.ascii('-');
        }
        l.ascii('\t');
        field(l, e.link);
        l.ascii('\t').ascii(e.sparse ? 's' : '-').ascii('\t');
        if (e.sha256 == null) l.ascii('-');
        else l.hex(e.sha256);
        l.ascii('\t');
        where(l, e);
        l.ascii('\t').ascii(e.codec.isEmpty() ? "-" : e.codec).ascii('\t');
        if (e.xattrs.isEmpty()) {
            l.ascii('-');
        } else {
            for (int i = 0; i < e.xattrs.size(); i++) {
                Xattr x = e.xattrs.get(i);
                if (i > 0) l.ascii(',');
                l.utf8(PathBytes.escape(x.name()).replace(",", "\\x2c").replace("=", "\\x3d"));
                l.ascii("=0x").hex(x.value());
            }
        }
        l.ascii('\n');
    }

    private static void name(ByteLine l, String s) {
        if (s == null) l.ascii('-');
        else field(l, s.getBytes(StandardCharsets.UTF_8));
    }

    /** "-" marks an empty field, so a value that is just "-" is written escaped. */
    private static void field(ByteLine l, byte[] raw) {
        if (raw == null) l.ascii('-');
        else if (raw.length == 1 && raw[0] == '-') l.ascii("\\x2d");
        else PathBytes.escapeTo(raw, l);
    }

    /** "s12@1" (set 12 on volume 1), "b4x128@2-3" (big file 4 in 128 slices on volumes 2 to 3) or "-". */
    static String where(Entry e) {
        ByteLine l = new ByteLine(16);
        where(l, e);
        return l.toString();
    }

    private static void where(ByteLine l, Entry e) {
        if (e.set > 0) l.ascii('s').decimal(e.set);
        else if (e.big > 0) l.ascii('b').decimal(e.big).ascii('x').decimal(e.slices);
        else {
            l.ascii('-');
            return;
        }
        if (e.firstVolume == 0) return;
        l.ascii('@').decimal(e.firstVolume);
        if (e.lastVolume != e.firstVolume && e.lastVolume != 0) l.ascii('-').decimal(e.lastVolume);
    }

    public static List<Entry> read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String first = r.readLine();
        if (first == null || !first.startsWith("# mondo-catalog ")) {
            throw new IOException("not a mondo catalog (first line: " + first + ")");
        }
        int version = Integer.parseInt(first.substring("# mondo-catalog ".length()).trim());
        if (version > VERSION) {
            throw new IOException("catalog format " + version + " is newer than this mondorestore understands ("
                    + VERSION + "): use a newer mondorestore");
        }
        List<Entry> out = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                out.add(parse(line));
            } catch (RuntimeException ex) {
                throw new IOException("catalog line " + n + " is damaged: " + ex.getMessage());
            }
        }
        return out;
    }

    static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 16) throw new IllegalArgumentException("expected 16 fields, found " + f.length);
        char t = f[1].charAt(0);
        Entry e = new Entry(PathBytes.unescape(f[0]), t == 'h' ? FileType.REGULAR : FileType.ofLetter(t));
        e.hardLink = t == 'h';
        e.mode = Integer.parseInt(f[2], 8);
        e.uid = Integer.parseUnsignedInt(f[3]);
        e.gid = Integer.parseUnsignedInt(f[4]);
        e.user = f[5].equals("-") ? null : new String(PathBytes.unescape(f[5]), StandardCharsets.UTF_8);
        e.group = f[6].equals("-") ? null : new String(PathBytes.unescape(f[6]), StandardCharsets.UTF_8);
        int dot = f[7].indexOf('.');
        e.mtimeSec = Long.parseLong(f[7].substring(0, dot));
        e.mtimeNsec = Integer.parseInt(f[7].substring(dot + 1));
        e.size = Long.parseLong(f[8]);
        if (!f[9].equals("-")) {
            int comma = f[9].indexOf(',');
            e.rdevMajor = Integer.parseInt(f[9].substring(0, comma));
            e.rdevMinor = Integer.parseInt(f[9].substring(comma + 1));
        }
        e.link = f[10].equals("-") ? null : PathBytes.unescape(f[10]);
        e.sparse = f[11].equals("s");
        e.sha256 = f[12].equals("-") ? null : HEX.parseHex(f[12]);
        parseWhere(e, f[13]);
        e.codec = f[14].equals("-") ? "" : f[14];
        if (!f[15].equals("-")) {
            List<Xattr> xs = new ArrayList<>();
            for (String item : f[15].split(",")) {
                int eq = item.lastIndexOf("=0x");
                xs.add(new Xattr(PathBytes.unescape(item.substring(0, eq)), HEX.parseHex(item.substring(eq + 3))));
            }
            e.xattrs = List.copyOf(xs);
        }
        return e;
    }

    private static void parseWhere(Entry e, String w) {
        if (w.equals("-")) return;
        int at = w.indexOf('@');
        String head = at < 0 ? w : w.substring(0, at);
        if (head.charAt(0) == 's') {
            e.set = Integer.parseInt(head.substring(1));
        } else if (head.charAt(0) == 'b') {
            int x = head.indexOf('x');
            e.big = Integer.parseInt(head.substring(1, x));
            e.slices = Integer.parseInt(head.substring(x + 1));
        } else {
            throw new IllegalArgumentException("bad location " + w);
        }
        if (at >= 0) {
            String v = w.substring(at + 1);
            int dash = v.indexOf('-');
            e.firstVolume = Integer.parseInt(dash < 0 ? v : v.substring(0, dash));
            e.lastVolume = dash < 0 ? e.firstVolume : Integer.parseInt(v.substring(dash + 1));
        }
    }
}
