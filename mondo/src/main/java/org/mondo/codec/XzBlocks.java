package org.mondo.codec;

import java.io.IOException;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** One .xz stream per block (xz-java), readable by unxz. Slow: for the smallest media only. */
final class XzBlocks implements BlockCompressor {
    private final LZMA2Options options;

    XzBlocks(int preset) {
        try {
            options = new LZMA2Options(preset);
        } catch (org.tukaani.xz.UnsupportedOptionsException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public void compress(byte[] src, int len, GrowableBuffer out) throws IOException {
        out.reset();
        try (XZOutputStream xz = new XZOutputStream(out, options)) {
            xz.write(src, 0, len);
        }
    }
}
