package org.mondo.sets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.util.Arrays;

import org.mondo.codec.GrowableBuffer;
import org.mondo.nativeio.Errno;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;

/**
 * Reads file content for one worker thread through libc (names are bytes), hashing it with
 * SHA-256 as it goes so no second pass is needed. Holes of sparse files are not read: they are
 * filled with zeros from SEEK_DATA/SEEK_HOLE. Notices files that change while being read.
 */
final class FileReader implements AutoCloseable {
    static final int CHUNK = 1 << 20;
    private final Arena arena = Arena.ofShared(); // closed by the pipeline, from another thread
    private final MemorySegment chunk = arena.allocate(CHUNK, 4096);

    /** An open file and what fstat said of it when it was opened. */
    record Opened(int fd, FileStat stat) {}

    Opened open(byte[] path) throws NativeException {
        int flags = Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NOCTTY;
        int fd;
        try {
            fd = Libc.open(path, flags | Libc.O_NOATIME, 0);
        } catch (NativeException e) {
            // O_NOATIME needs ownership or CAP_FOWNER; without it, read normally.
            if (e.errno() != Errno.EPERM) throw e;
            fd = Libc.open(path, flags, 0);
        }
        try {
            return new Opened(fd, Libc.fstat(fd));
        } catch (NativeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * Reads [offset, offset+len) into {@code out} (replacing its content) and feeds the digest.
     * Holes read as zeros without touching the disk when {@code sparse}. Returns the bytes read,
     * less than len when the file ends early (it shrank).
     */
    int read(int fd, long offset, int len, boolean sparse, GrowableBuffer out, MessageDigest digest)
            throws NativeException {
        out.setSize(len);
        byte[] dst = out.array();
        int done = 0;
        long dataEnd = sparse ? -2 : Long.MAX_VALUE;
        while (done < len) {
            long pos = offset + done;
            if (sparse && pos >= dataEnd) {
                long data = Libc.lseek(fd, pos, Libc.SEEK_DATA);
                if (data < 0) data = Long.MAX_VALUE; // only a hole up to EOF
                if (data > pos) {
                    int zeros = (int) Math.min(len - done, data - pos);
                    Arrays.fill(dst, done, done + zeros, (byte) 0);
                    done += zeros;
                    if (data == Long.MAX_VALUE) break;
                    continue;
                }
                long hole = Libc.lseek(fd, pos, Libc.SEEK_HOLE);
                dataEnd = hole < 0 ? Long.MAX_VALUE : hole;
            }
            long want = Math.min(Math.min(CHUNK, len - done), dataEnd - pos);
            long n = Libc.pread(fd, chunk, want, pos);
            if (n == 0) break; // end of file: it shrank
            MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, 0, dst, done, (int) n);
            done += (int) n;
        }
        out.setSize(done);
        digest.update(dst, 0, done);
        return done;
    }

    /** True when one more byte is readable past {@code size}: the file grew. */
    boolean hasMoreThan(int fd, long size) throws NativeException {
        return Libc.pread(fd, chunk, 1, size) > 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
