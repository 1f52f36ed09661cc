package org.mondo.mindi.layout;

import java.io.IOException;

/** Random reads from a block device (or a test's copy of one). */
public interface SectorReader extends AutoCloseable {
    /** Exactly {@code length} bytes at {@code offset}; an EOFException past the end. */
    byte[] read(long offset, int length) throws IOException;

    /** The size in bytes. */
    long size() throws IOException;

    @Override
    void close() throws IOException;
}
