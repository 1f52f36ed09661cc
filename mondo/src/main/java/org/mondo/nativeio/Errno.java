package org.mondo.nativeio;

/** The errno values the code reacts to (Linux, all architectures we build for). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int ENOTSUP = 95;
    public static final int ENODATA = 61;
    public static final int ELOOP = 40;
    public static final int ENXIO = 6;

    private Errno() {}
}
