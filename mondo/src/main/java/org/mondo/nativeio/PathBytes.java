package org.mondo.nativeio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * File names are bytes. This class joins them, shows them to people, and escapes them for
 * line-oriented text (catalog, lists, logs) so that any byte sequence round-trips:
 * valid UTF-8 stays as it is, except that backslash, control characters and invalid bytes
 * become {@code \\}, {@code \n}, {@code \t} and {@code \xHH}.
 */
public final class PathBytes {
    private PathBytes() {}

    public static byte[] of(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] join(byte[] dir, byte[] name) {
        boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
        byte[] out = new byte[dir.length + (slash ? 0 : 1) + name.length];
        System.arraycopy(dir, 0, out, 0, dir.length);
        int p = dir.length;
        if (!slash) out[p++] = '/';
        System.arraycopy(name, 0, out, p, name.length);
        return out;
    }

    /** For messages only: escaped, so that nothing a name holds can break a line or a terminal. */
    public static String display(byte[] path) {
        return escape(path);
    }

    public static boolean startsWith(byte[] path, byte[] prefix) {
        if (path.length < prefix.length) return false;
        return Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** True when path equals dir or lies below it. */
    public static boolean isAtOrBelow(byte[] path, byte[] dir) {
        if (dir.length == 1 && dir[0] == '/') return path.length > 0 && path[0] == '/';
        if (!startsWith(path, dir)) return false;
        return path.length == dir.length || path[dir.length] == '/';
    }

    public static byte[] parent(byte[] path) {
        for (int i = path.length - 1; i > 0; i--) {
            if (path[i] == '/') return Arrays.copyOf(path, i);
        }
        return path.length > 0 && path[0] == '/' ? new byte[] {'/'} : new byte[0];
    }

    public static byte[] fileName(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') return Arrays.copyOfRange(path, i + 1, path.length);
        }
        return path;
    }

    /** Without the leading slashes: the form stored in archives ("etc/passwd"). */
    public static byte[] relative(byte[] path) {
        int i = 0;
        while (i < path.length && path[i] == '/') i++;
        return Arrays.copyOfRange(path, i, path.length);
    }

    public static String escape(byte[] b) {
        ByteLine line = new ByteLine(b.length + 8);
        escapeTo(b, line);
        return line.toString();
    }

    /** {@link #escape} into bytes: valid UTF-8 sequences are copied, the rest as above. */
    public static void escapeTo(byte[] b, ByteLine out) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.put((byte) c);
                i++;
                continue;
            }
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> out.ascii("\\\\");
                    case '\n' -> out.ascii("\\n");
                    case '\t' -> out.ascii("\\t");
                    case '\r' -> out.ascii("\\r");
                    default -> hex(out, c);
                }
                i++;
                continue;
            }
            int len = utf8SequenceLength(b, i);
            if (len == 0) {
                hex(out, c);
                i++;
            } else {
                out.bytes(b, i, i + len);
                i += len;
            }
        }
    }

    private static void hex(ByteLine out, int c) {
        out.ascii("\\x").hexByte(c);
    }

    /** Length of a well-formed UTF-8 sequence starting at i (2..4), or 0 when the bytes there are not one. */
    static int utf8SequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        int len;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > b.length) return 0;
        int cp = c & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int cc = b[i + k] & 0xff;
            if ((cc & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        return len;
    }

    public static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte c = utf8[i];
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i + 1 >= utf8.length) throw new IllegalArgumentException("dangling backslash in " + s);
            char e = (char) utf8[++i];
            switch (e) {
                case '\\' -> out.write('\\');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    if (i + 2 >= utf8.length) throw new IllegalArgumentException("short \\x escape in " + s);
                    out.write(Integer.parseInt(new String(utf8, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
            }
        }
        return out.toByteArray();
    }
}
