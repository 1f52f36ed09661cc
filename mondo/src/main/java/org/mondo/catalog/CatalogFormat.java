package org.mondo.catalog;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder sb = new StringBuilder(256);
        for (Entry e : entries) {
            if (e.gone) continue;
            sb.setLength(0);
            line(sb, e);
            w.append(sb);
        }
        w.flush();
    }

    static void line(StringBuilder sb, Entry e) {
        sb.append(PathBytes.escape(e.path)).append('\t');
        sb.append(e.hardLink ? 'h' : e.type.letter).append('\t');
        zeroPadded(sb, Integer.toOctalString(e.mode), 4).append('\t');
        sb.append(Integer.toUnsignedString(e.uid)).append('\t').append(Integer.toUnsignedString(e.gid)).append('\t');
        sb.append(name(e.user)).append('\t').append(name(e.group)).append('\t');
        zeroPadded(sb.append(e.mtimeSec).append('.'), Integer.toString(e.mtimeNsec), 9).append('\t');
        sb.append(e.size).append('\t');
        if (e.type == FileType.CHAR_DEVICE || e.type == FileType.BLOCK_DEVICE) {
            sb.append(e.rdevMajor).append(',').append(e.rdevMinor);
        } else {
            sb.append('-');
        }
        sb.append('\t');
        sb.append(e.link == null ? "-" : field(PathBytes.escape(e.link))).append('\t');
        sb.append(e.sparse ? 's' : '-').append('\t');
        sb.append(e.sha256 == null ? "-" : HEX.formatHex(e.sha256)).append('\t');
        sb.append(where(e)).append('\t');
        sb.append(e.codec.isEmpty() ? "-" : e.codec).append('\t');
        if (e.xattrs.isEmpty()) {
            sb.append('-');
        } else {
            for (int i = 0; i < e.xattrs.size(); i++) {
                Xattr x = e.xattrs.get(i);
                if (i > 0) sb.append(',');
                sb.append(PathBytes.escape(x.name()).replace(",", "\\x2c").replace("=", "\\x3d"));
                sb.append("=0x").append(HEX.formatHex(x.value()));
            }
        }
        sb.append('\n');
    }

    /** What String.format("%0Nd") writes, without a Formatter per field (~80k lines per volume). */
    private static StringBuilder zeroPadded(StringBuilder sb, String digits, int width) {
        for (int i = digits.length(); i < width; i++) sb.append('0');
        return sb.append(digits);
    }

    private static String name(String s) {
        return s == null ? "-" : field(PathBytes.escape(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** "-" marks an empty field, so a value that is just "-" is written escaped. */
    private static String field(String escaped) {
        return escaped.equals("-") ? "\\x2d" : escaped;
    }

    /** "s12@1" (set 12 on volume 1), "b4x128@2-3" (big file 4 in 128 slices on volumes 2 to 3) or "-". */
    static String where(Entry e) {
        if (e.set > 0) return "s" + e.set + volumes(e);
        if (e.big > 0) return "b" + e.big + "x" + e.slices + volumes(e);
        return "-";
    }

    private static String volumes(Entry e) {
        if (e.firstVolume == 0) return "";
        if (e.lastVolume == e.firstVolume || e.lastVolume == 0) return "@" + e.firstVolume;
        return "@" + e.firstVolume + "-" + e.lastVolume;
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
