package org.mondo.compare;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;

/** SHA-256 of a file on the live system, opened by its byte name without following symlinks. */
public final class LiveFile {
    private LiveFile() {}

    public record Digest(byte[] sha256, long size) {}

    public static Digest sha256(byte[] path) throws NativeException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int fd = Libc.open(path, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NOCTTY, 0);
        try (Arena a = Arena.ofConfined()) {
            int chunk = 1 << 20;
            MemorySegment buf = a.allocate(chunk, 4096);
            byte[] heap = new byte[chunk];
            long size = 0;
            while (true) {
                long n = Libc.read(fd, buf, chunk);
                if (n == 0) break;
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, heap, 0, (int) n);
                md.update(heap, 0, (int) n);
                size += n;
            }
            return new Digest(md.digest(), size);
        } finally {
            Libc.close(fd);
        }
    }
}
