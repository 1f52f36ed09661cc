package org.mondo.codec;

import java.io.IOException;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** One bzip2 stream per block (commons-compress), as MondoRescue's default wrote. Slow in Java. */
final class Bzip2Blocks implements BlockCompressor {
    private final int blockSize;

    Bzip2Blocks(int level) {
        this.blockSize = level;
    }

    @Override
    public void compress(byte[] src, int len, GrowableBuffer out) throws IOException {
        out.reset();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, blockSize)) {
            bz.write(src, 0, len);
        }
    }
}
