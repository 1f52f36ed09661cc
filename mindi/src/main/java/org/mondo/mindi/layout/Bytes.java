package org.mondo.mindi.layout;

import java.util.Locale;

/** Little-endian fields and GUIDs as on-disk structures (MBR, GPT, FAT) store them. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int off) {
        return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xffffffffL;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    /** A GUID in its mixed-endian disk form, as the usual upper-case text. */
    static String guid(byte[] b, int off) {
        return String.format(Locale.ROOT, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", u32(b, off),
                u16(b, off + 4), u16(b, off + 6), u8(b, off + 8), u8(b, off + 9), u8(b, off + 10), u8(b, off + 11),
                u8(b, off + 12), u8(b, off + 13), u8(b, off + 14), u8(b, off + 15));
    }

    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    /** Does {@code needle} (ASCII) occur in b[0, limit)? */
    static boolean contains(byte[] b, int limit, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= Math.min(limit, b.length); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (b[i + j] != needle.charAt(j)) continue outer;
            }
            return true;
        }
        return false;
    }
}
