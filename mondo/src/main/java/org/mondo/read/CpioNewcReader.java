package org.mondo.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads cpio "newc" archives with names as bytes. When a header is damaged it scans forward for
 * the next header magic, so one damaged member does not take the rest of the set with it.
 */
public final class CpioNewcReader {
    private static final byte[] MAGIC = "070701".getBytes(StandardCharsets.US_ASCII);
    private final PushbackInputStream in;
    private long pos;
    private long remaining;
    private long resyncs;

    public record Member(byte[] name, int mode, int uid, int gid, int nlink, long mtime, long size, long ino,
                         int rdevMajor, int rdevMinor) {}

    public CpioNewcReader(InputStream in) {
        this.in = new PushbackInputStream(in, 110);
    }

    /** How many times a damaged header had to be skipped. */
    public long resyncs() {
        return resyncs;
    }

    /** The next member, or null at the trailer or the end of the data. Its data must be read (or not) before the next call. */
    public Member next() throws IOException {
        skip(remaining);
        remaining = 0;
        align();
        byte[] h = new byte[110];
        while (true) {
            int n = readUpTo(h, 0, 6);
            if (n < 6) return null;
            if (Arrays.equals(h, 0, 6, MAGIC, 0, 6)) break;
            // Damaged: look for the magic byte by byte.
            resyncs++;
            in.unread(h, 1, 5);
            pos -= 5;
        }
        if (readUpTo(h, 6, 104) < 104) return null;
        long[] f = new long[13];
        try {
            for (int i = 0; i < 13; i++) f[i] = Long.parseLong(new String(h, 6 + i * 8, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            resyncs++;
            in.unread(h, 6, 104);
            pos -= 104;
            return next();
        }
        int nameSize = (int) f[11];
        if (nameSize <= 0 || nameSize > 1 << 16) {
            resyncs++;
            in.unread(h, 6, 104);
            pos -= 104;
            return next();
        }
        byte[] name = new byte[nameSize];
        if (readUpTo(name, 0, nameSize) < nameSize) return null;
        byte[] trimmed = Arrays.copyOf(name, nameSize - 1);
        if (Arrays.equals(trimmed, "TRAILER!!!".getBytes(StandardCharsets.US_ASCII))) return null;
        align();
        remaining = f[6];
        return new Member(trimmed, (int) f[1], (int) f[2], (int) f[3], (int) f[4], f[5], f[6], f[0], (int) f[9],
                (int) f[10]);
    }

    /** The current member's data; reading past it returns end of stream. */
    public InputStream data() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) return -1;
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) throw new EOFException("set ends inside a member");
                remaining -= n;
                pos += n;
                return n;
            }
        };
    }

    private int readUpTo(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) break;
            done += n;
        }
        pos += done;
        return done;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) return;
                s = 1;
            }
            n -= s;
            pos += s;
        }
    }

    private void align() throws IOException {
        int pad = (int) ((4 - (pos & 3)) & 3);
        skip(pad);
    }
}
