package org.mondo.mindi.bootenv;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a kernel image says of itself: the x86 boot protocol header ("HdrS" at 0x202) points to
 * the version string at 0x20E (+0x200), e.g. "6.1.0-56-amd64 (debian-kernel@…) #1 SMP …".
 */
public final class KernelImage {
    private KernelImage() {}

    /** The release ("6.1.0-56-amd64"), the first word of the version string. */
    public static String release(Path bzImage) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(bzImage.toFile(), "r")) {
            byte[] magic = new byte[4];
            f.seek(0x202);
            f.readFully(magic);
            if (!new String(magic, StandardCharsets.US_ASCII).equals("HdrS")) {
                throw new IOException(bzImage + " is not an x86 Linux kernel image (no HdrS header)");
            }
            f.seek(0x20e);
            int lo = f.read();
            int hi = f.read();
            long at = 0x200L + (lo | (hi << 8));
            f.seek(at);
            byte[] buf = new byte[256];
            int n = f.read(buf);
            String s = new String(buf, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            int end = 0;
            while (end < s.length() && s.charAt(end) > ' ') end++;
            if (end == 0) throw new IOException(bzImage + ": no version string in the kernel header");
            return s.substring(0, end);
        }
    }
}
