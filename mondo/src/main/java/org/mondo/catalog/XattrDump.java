package org.mondo.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Extended attributes as the text of {@code getfattr --dump --encoding=hex --absolute-names}, so that a
 * rescue shell restores them by hand with {@code cd /restore/root && setfattr -h --restore=set-00001.xattr}
 * ({@code -h} must come before {@code --restore}: setfattr acts on the option as soon as it parses it).
 * <pre>
 * # file: usr/bin/ping
 * security.capability=0x0100000200200000000000000000000000000000
 *
 * </pre>
 * The POSIX ACL attributes are left out on purpose: setfattr could write their binary form, but
 * {@link AclDump} already holds them in getfacl form, which people can read and edit (to remap ids),
 * which carries the setuid/setgid/sticky flags setfacl would otherwise clear, and which does not fail
 * file by file on a target mounted without ACL support. One copy means one source of truth.
 * <p>
 * Quoting is getfattr's: in paths {@code \}, LF and CR become {@code \ooo} octal escapes, in
 * attribute names {@code =} too; every other byte (space, tab, invalid UTF-8) is written raw.
 */
public final class XattrDump {
    /** One file's attributes; path relative (no leading slash), "" or "." for the top directory. */
    public record Entry(byte[] path, List<Xattr> xattrs) {
        public Entry {
            xattrs = List.copyOf(xattrs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(path, e.path) && xattrs.equals(e.xattrs);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(path) + xattrs.hashCode();
        }

        @Override
        public String toString() {
            return new String(path, StandardCharsets.UTF_8) + xattrs;
        }
    }

    /** getfattr sorts names with strcmp: unsigned bytes. The same order keeps dumps diffable with its output. */
    private static final Comparator<Xattr> BY_NAME = (a, b) -> Arrays.compareUnsigned(a.name(), b.name());
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    public XattrDump(OutputStream out) {
        this.out = out;
    }

    /** Writes every entry that has attributes besides ACLs. */
    public static void write(OutputStream out, Iterable<Entry> entries) throws IOException {
        XattrDump dump = new XattrDump(out);
        for (Entry e : entries) dump.add(e.path(), e.xattrs());
        out.flush();
    }

    /**
     * Appends one file's block; writes nothing (and returns false) when no attribute is left once the
     * ACLs are set aside, as getfattr prints nothing for such files.
     */
    public boolean add(byte[] relativePath, List<Xattr> xattrs) throws IOException {
        checkPath(relativePath);
        List<Xattr> kept = new ArrayList<>();
        for (Xattr x : xattrs) {
            if (x.isAcl()) continue;
            if (x.name().length == 0 || indexOf(x.name(), (byte) 0) >= 0) {
                throw new IllegalArgumentException("bad attribute name " + x);
            }
            kept.add(x);
        }
        if (kept.isEmpty()) return false;
        kept.sort(BY_NAME);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("# file: "));
        // getfattr prints "." for the top directory; an empty name would read as no file at all.
        b.writeBytes(quote(relativePath.length == 0 ? new byte[] {'.'} : relativePath, false));
        b.write('\n');
        for (Xattr x : kept) {
            b.writeBytes(quote(x.name(), true));
            b.write('=');
            b.write('0');
            b.write('x');
            for (byte v : x.value()) {
                b.write(HEX[(v >> 4) & 0xf]);
                b.write(HEX[v & 0xf]);
            }
            b.write('\n');
        }
        b.write('\n');
        b.writeTo(out);
        return true;
    }

    private static void checkPath(byte[] path) {
        if (path.length > 0 && path[0] == '/') {
            throw new IllegalArgumentException("not a relative path: " + new String(path, StandardCharsets.UTF_8));
        }
        if (indexOf(path, (byte) 0) >= 0) throw new IllegalArgumentException("NUL in path");
    }

    /** getfattr's quote(): backslash, LF, CR (and '=' in names, which ends the name) as \ooo. */
    static byte[] quote(byte[] s, boolean name) {
        ByteArrayOutputStream q = new ByteArrayOutputStream(s.length + 8);
        for (byte c : s) {
            if (c == '\\' || c == '\n' || c == '\r' || (name && c == '=')) octal(q, c);
            else q.write(c);
        }
        return q.toByteArray();
    }

    static void octal(ByteArrayOutputStream q, byte c) {
        int v = c & 0xff;
        q.write('\\');
        q.write('0' + (v >> 6));
        q.write('0' + ((v >> 3) & 7));
        q.write('0' + (v & 7));
    }

    /** The libmisc unquote() that setfattr and setfacl share: only a backslash and three octal digits is an escape. */
    static byte[] unquote(byte[] s, int from, int to) {
        ByteArrayOutputStream u = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (s[i] == '\\' && isOctal(s, i + 1, to) && isOctal(s, i + 2, to) && isOctal(s, i + 3, to)) {
                u.write(((s[i + 1] - '0') << 6) + ((s[i + 2] - '0') << 3) + (s[i + 3] - '0'));
                i += 3;
            } else {
                u.write(s[i]);
            }
        }
        return u.toByteArray();
    }

    private static boolean isOctal(byte[] s, int i, int to) {
        return i < to && s[i] >= '0' && s[i] <= '7';
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a dump as setfattr --restore does: blank lines separate files, "# file: " starts one, then
     * "name=value" lines whose value is 0x-hex, 0s-base64 or (quoted) text, as getfattr may write any of them.
     * Paths come back unquoted but otherwise as written (the top directory as ".").
     */
    public static List<Entry> parse(InputStream in) throws IOException {
        List<byte[]> lines = lines(in.readAllBytes());
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < lines.size() && lines.get(i).length == 0) i++;
            if (i == lines.size()) return entries;
            byte[] head = lines.get(i++);
            byte[] prefix = ascii("# file: ");
            if (head.length < prefix.length || !Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length)) {
                throw new IOException("line " + i + ": no \"# file: \" line where a file should start");
            }
            byte[] path = unquote(head, prefix.length, head.length);
            List<Xattr> xattrs = new ArrayList<>();
            for (; i < lines.size() && lines.get(i).length > 0; i++) {
                byte[] l = lines.get(i);
                int eq = indexOf(l, (byte) '=');
                byte[] name = unquote(l, 0, eq < 0 ? l.length : eq);
                byte[] value = eq < 0 ? new byte[0] : decode(Arrays.copyOfRange(l, eq + 1, l.length), i + 1);
                xattrs.add(new Xattr(name, value));
            }
            entries.add(new Entry(path, xattrs));
        }
    }

    /** Split on LF, dropping trailing CRs as setfattr's next_line() does. */
    private static List<byte[]> lines(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length && start == all.length) break;
            if (i == all.length || all[i] == '\n') {
                int end = i;
                while (end > start && all[end - 1] == '\r') end--;
                out.add(Arrays.copyOfRange(all, start, end));
                start = i + 1;
            }
        }
        return out;
    }

    /** setfattr's decode(). */
    static byte[] decode(byte[] v, int line) throws IOException {
        if (v.length >= 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
            ByteArrayOutputStream d = new ByteArrayOutputStream(v.length / 2);
            int hi = -1;
            for (int k = 2; k < v.length; k++) {
                if (isSpace(v[k])) continue;
                int digit = Character.digit(v[k], 16);
                if (digit < 0) throw new IOException("line " + line + ": bad hex value");
                if (hi < 0) {
                    hi = digit;
                } else {
                    d.write(hi << 4 | digit);
                    hi = -1;
                }
            }
            if (hi >= 0) throw new IOException("line " + line + ": odd number of hex digits");
            return d.toByteArray();
        }
        if (v.length >= 2 && v[0] == '0' && (v[1] == 's' || v[1] == 'S')) {
            ByteArrayOutputStream b64 = new ByteArrayOutputStream(v.length);
            for (int k = 2; k < v.length; k++) if (!isSpace(v[k])) b64.write(v[k]);
            try {
                return Base64.getDecoder().decode(b64.toByteArray());
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + line + ": bad base64 value", e);
            }
        }
        int from = 0;
        int to = v.length;
        if (to - from > 1 && v[0] == '"' && v[to - 1] == '"') {
            from++;
            to--;
        }
        ByteArrayOutputStream d = new ByteArrayOutputStream(to - from);
        for (int k = from; k < to; k++) {
            if (v[k] == '\\' && k + 1 < to && (v[k + 1] == '\\' || v[k + 1] == '"')) {
                d.write(v[++k]);
            } else if (v[k] == '\\' && isOctal(v, k + 1, to)) {
                int c = 0;
                int n = 0;
                while (n < 3 && isOctal(v, k + 1, to)) {
                    c = (c << 3) + (v[++k] - '0');
                    n++;
                }
                d.write(c);
            } else {
                d.write(v[k]);
            }
        }
        return d.toByteArray();
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) if (b[i] == c) return i;
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
