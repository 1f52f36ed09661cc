package org.mondo.codec;

import java.io.IOException;

import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;

/** One LZ4 frame per block (commons-compress), readable by `lz4 -d`: the fast choice behind -L. */
final class Lz4Blocks implements BlockCompressor {
    @Override
    public void compress(byte[] src, int len, GrowableBuffer out) throws IOException {
        out.reset();
        try (FramedLZ4CompressorOutputStream lz = new FramedLZ4CompressorOutputStream(out)) {
            lz.write(src, 0, len);
        }
    }
}
