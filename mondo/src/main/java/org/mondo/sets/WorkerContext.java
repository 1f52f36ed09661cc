package org.mondo.sets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.mondo.codec.BlockCompressor;
import org.mondo.codec.Codec;
import org.mondo.codec.GrowableBuffer;

/** The reusable buffers, reader and compressor of one worker thread. */
final class WorkerContext implements AutoCloseable {
    final FileReader reader = new FileReader();
    final GrowableBuffer raw = new GrowableBuffer(1 << 20);
    final GrowableBuffer packed = new GrowableBuffer(1 << 20);
    final MessageDigest sha256;
    final BlockCompressor compressor;

    WorkerContext(Codec codec, int level) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        compressor = codec == Codec.NONE ? null : codec.newCompressor(level);
    }

    @Override
    public void close() {
        reader.close();
        if (compressor != null) compressor.close();
    }
}
