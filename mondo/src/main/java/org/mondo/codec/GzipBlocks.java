package org.mondo.codec;

import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** One gzip member per block (java.util.zip), readable by gunzip and busybox. */
final class GzipBlocks implements BlockCompressor {
    private final int level;

    GzipBlocks(int level) {
        this.level = level;
    }

    @Override
    public void compress(byte[] src, int len, GrowableBuffer out) throws IOException {
        out.reset();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(src, 0, len);
        }
    }
}
