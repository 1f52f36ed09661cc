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
        StringBuilder sb = new StringBuilder(110);
        sb.append("070701");
        hex(sb, h.ino());
        hex(sb, Integer.toUnsignedLong(h.mode()));
        hex(sb, Integer.toUnsignedLong(h.uid()));
        hex(sb, Integer.toUnsignedLong(h.gid()));
        hex(sb, h.nlink());
        hex(sb, Math.max(0, Math.min(0xffffffffL, h.mtime())));
        hex(sb, h.size());
        hex(sb, 0); // dev major
        hex(sb, 0); // dev minor
        hex(sb, Integer.toUnsignedLong(h.rdevMajor()));
        hex(sb, Integer.toUnsignedLong(h.rdevMinor()));
        hex(sb, name.length + 1L);
        hex(sb, 0); // check
        write(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, 110);
        write(name, 0, name.length);
        write(ZEROS, 0, 1);
        pad();
        if (len > 0) write(data, off, len);
        pad();
    }

    private static void hex(StringBuilder sb, long v) {
        String s = Long.toHexString(v);
        for (int i = s.length(); i < 8; i++) sb.append('0');
        sb.append(s);
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
