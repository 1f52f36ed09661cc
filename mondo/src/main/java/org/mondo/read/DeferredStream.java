package org.mondo.read;

import java.io.IOException;
import java.io.InputStream;

/** A stream opened on its first read (not when made), so that a list of them holds nothing open yet. */
final class DeferredStream extends InputStream {
    /** Opens the real stream. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private InputStream in;
    private boolean closed;

    DeferredStream(Opener opener) {
        this.opener = opener;
    }

    private InputStream in() throws IOException {
        if (closed) throw new IOException("stream closed");
        if (in == null) in = opener.open();
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (in != null) in.close();
    }
}
