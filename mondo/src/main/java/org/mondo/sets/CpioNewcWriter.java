package org.mondo.sets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format (070701) that GNU cpio, busybox cpio and the
 * kernel's initramfs loader all read. Unlike commons-compress it takes names as bytes, so
 * names that are not UTF-8 survive. Sizes are 32-bit: callers slice anything larger.
 */
public final class CpioNewcWriter implements AutoCloseable {
    private static final byte[] ZEROS = new byte[4];
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 110;
    private final byte[] header = "070701".concat("0".repeat(HEADER_BYTES - 6)).getBytes(StandardCharsets.US_ASCII);
    private final OutputStream out;
    private long written;
    private boolean finished;

    public CpioNewcWriter(OutputStream out) {
        this.out = out;
    }

    /** The header fields of one member; {@code mode} includes the file-type bits. */
    public record Header(long ino, int mode, int uid, int gid, int nlink, long mtime, long size,
                         int rdevMajor, int rdevMinor) {}

    public void add(byte[] name, Header h, byte[] data, int off, int len) throws IOException {
        if (h.size() != len) throw new IllegalArgumentException("size " + h.size() + " != data " + len);
        if (len < 0 || h.size() > 0xffffffffL) throw new IllegalArgumentException("member too large for newc");
        // 13 fields of 8 hex digits after the magic, into one reused array: this runs once per
        // member, and building a String per header was among the costliest methods to JIT-compile.
        int at = 6;
        at = hex(h.ino(), at);
        at = hex(Integer.toUnsignedLong(h.mode()), at);
        at = hex(Integer.toUnsignedLong(h.uid()), at);
        at = hex(Integer.toUnsignedLong(h.gid()), at);
        at = hex(h.nlink(), at);
        at = hex(Math.max(0, Math.min(0xffffffffL, h.mtime())), at);
        at = hex(h.size(), at);
        at = hex(0, at); // dev major
        at = hex(0, at); // dev minor
        at = hex(Integer.toUnsignedLong(h.rdevMajor()), at);
        at = hex(Integer.toUnsignedLong(h.rdevMinor()), at);
        at = hex(name.length + 1L, at);
        hex(0, at); // check
        write(header, 0, HEADER_BYTES);
        write(name, 0, name.length);
        write(ZEROS, 0, 1);
        pad();
        if (len > 0) write(data, off, len);
        pad();
    }

    /** Writes the low 32 bits of v as 8 lowercase hex digits at header[at]; returns the next position. */
    private int hex(long v, int at) {
        for (int i = 7; i >= 0; i--) {
            header[at + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return at + 8;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    private void pad() throws IOException {
        int rem = (int) (written & 3);
        if (rem != 0) write(ZEROS, 0, 4 - rem);
    }

    public long bytesWritten() {
        return written;
    }

    /** Writes the TRAILER!!! member; the archive is then complete. */
    public void finish() throws IOException {
        if (finished) return;
        add("TRAILER!!!".getBytes(StandardCharsets.US_ASCII), new Header(0, 0, 0, 0, 1, 0, 0, 0, 0), ZEROS, 0, 0);
        finished = true;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
