package org.mondo.nativeio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text built as bytes, for the lines of the catalog and the file lists: names are bytes already, so
 * escaping them into bytes skips a String and a UTF-8 encoding per field (a catalog has one line per
 * file). Numbers and hex are ASCII.
 */
public final class ByteLine {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int size;

    public ByteLine(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public ByteLine ascii(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    /** Characters below 0x80 only (field values the format defines, such as "-" or a codec name). */
    public ByteLine ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) buf[size++] = (byte) s.charAt(i);
        return this;
    }

    public ByteLine utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteLine bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteLine bytes(byte[] b, int from, int to) {
        ensure(to - from);
        System.arraycopy(b, from, buf, size, to - from);
        size += to - from;
        return this;
    }

    public ByteLine decimal(long v) {
        if (v == Long.MIN_VALUE) return ascii(Long.toString(v));
        if (v < 0) {
            ascii('-');
            v = -v;
        }
        return digits(v, 10, 1);
    }

    public ByteLine unsignedDecimal(int v) {
        return digits(Integer.toUnsignedLong(v), 10, 1);
    }

    /** {@code v} (≥ 0) in base 8 or 10, with leading zeros up to {@code width} digits. */
    public ByteLine padded(long v, int radix, int width) {
        return digits(v, radix, width);
    }

    public ByteLine hex(byte[] b) {
        ensure(2 * b.length);
        for (byte x : b) hexByte(x);
        return this;
    }

    /** Two lowercase hex digits. */
    public ByteLine hexByte(int x) {
        ensure(2);
        buf[size++] = HEX[(x >> 4) & 15];
        buf[size++] = HEX[x & 15];
        return this;
    }

    private ByteLine digits(long v, int radix, int width) {
        int n = 1;
        for (long t = v / radix; t > 0; t /= radix) n++;
        n = Math.max(n, width);
        ensure(n);
        for (int i = size + n - 1; i >= size; i--) {
            buf[i] = HEX[(int) (v % radix)];
            v /= radix;
        }
        size += n;
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    void put(byte b) {
        if (size == buf.length) ensure(1);
        buf[size++] = b;
    }
}
