package org.mondo.codec;

import java.io.IOException;

/** Compresses one whole block (a file or a slice) into one self-contained frame. Not thread-safe. */
public interface BlockCompressor extends AutoCloseable {
    /**
     * Compresses {@code src[0,len)} into {@code out}, replacing its content.
     */
    void compress(byte[] src, int len, GrowableBuffer out) throws IOException;

    @Override
    default void close() {}
}
