package org.mondo.mindi.layout;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;

/**
 * A block device opened read-only through libc: pread at any offset, size from BLKGETSIZE64
 * (fstat's size is 0 for a device). Regular files work too, which is what image tests use.
 */
public final class BlockDevice implements SectorReader {
    /** _IOR(0x12, 114, size_t): the device size in bytes. */
    private static final long BLKGETSIZE64 = 0x80081272L;

    private final String path;
    private final int fd;

    private BlockDevice(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    public static BlockDevice open(String path) throws IOException {
        return new BlockDevice(path, Libc.open(path.getBytes(StandardCharsets.UTF_8), Libc.O_RDONLY, 0));
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(length);
            long done = 0;
            while (done < length) {
                long n = Libc.pread(fd, buf.asSlice(done), length - done, offset + done);
                if (n == 0) throw new EOFException(path + ": " + length + " bytes at " + offset + " are past the end");
                done += n;
            }
            return buf.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @Override
    public long size() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.JAVA_LONG);
            Libc.ioctl(fd, BLKGETSIZE64, out);
            return out.get(ValueLayout.JAVA_LONG, 0);
        } catch (NativeException e) {
            return Libc.fstat(fd).size();
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
