package org.mondo.nativeio;

import java.io.IOException;

/** A failed libc call: which call, on what, and errno with its text (e.g. "Permission denied"). */
public final class NativeException extends IOException {
    private final int errno;

    public NativeException(String call, String subject, int errno) {
        super(call + " " + subject + ": " + Libc.strerror(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public boolean isNotFound() {
        return errno == Errno.ENOENT || errno == Errno.ENOTDIR;
    }
}
