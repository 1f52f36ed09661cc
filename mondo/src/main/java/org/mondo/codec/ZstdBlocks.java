package org.mondo.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/** zstd frames with the content size and a checksum, so `zstd -d` detects a damaged file. */
final class ZstdBlocks implements BlockCompressor {
    private final ZstdCompressCtx ctx = new ZstdCompressCtx();

    ZstdBlocks(int level) {
        ctx.setLevel(level);
        ctx.setChecksum(true);
        ctx.setContentSize(true);
    }

    @Override
    public void compress(byte[] src, int len, GrowableBuffer out) {
        int bound = (int) Zstd.compressBound(len);
        out.ensure(bound);
        int n = ctx.compressByteArray(out.array(), 0, bound, src, 0, len);
        out.setSize(n);
    }

    @Override
    public void close() {
        ctx.close();
    }
}
