package org.mondo.restore.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mondo.nativeio.Errno;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;

/**
 * The restore target, reached only through directory file descriptors opened with O_NOFOLLOW:
 * whatever an archive says, nothing is created or changed outside the target directory — no
 * ".." and no symlink is ever followed on the way down. One instance per thread (it caches the
 * descriptor of the last parent directory, as archives list a directory's files together).
 */
final class TargetTree implements AutoCloseable {
    private final int rootFd;
    private byte[] cachedParent;
    private int cachedFd = -1;

    TargetTree(int rootFd) {
        this.rootFd = rootFd;
    }

    int rootFd() {
        return rootFd;
    }

    static int openRoot(byte[] target) throws NativeException {
        return Libc.open(target, Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
    }

    /** A path of the archive split into checked components; throws for ".", "..", empty or NUL parts. */
    static List<byte[]> components(byte[] absolute) throws IOException {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= absolute.length; i++) {
            if (i == absolute.length || absolute[i] == '/') {
                if (i > start) {
                    byte[] c = Arrays.copyOfRange(absolute, start, i);
                    if ((c.length == 1 && c[0] == '.') || (c.length == 2 && c[0] == '.' && c[1] == '.')) {
                        throw new IOException("refusing a path with \".\" or \"..\": " + PathBytes.display(absolute));
                    }
                    for (byte b : c) if (b == 0) throw new IOException("refusing a path with a NUL byte");
                    out.add(c);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The parent directory of {@code absolute} (created as 0700 when missing, fixed up later) and the leaf name. */
    Leaf leaf(byte[] absolute) throws IOException {
        List<byte[]> parts = components(absolute);
        if (parts.isEmpty()) return new Leaf(rootFd, null);
        byte[] parent = PathBytes.parent(absolute);
        if (cachedParent != null && Arrays.equals(parent, cachedParent)) {
            return new Leaf(cachedFd, parts.get(parts.size() - 1));
        }
        int fd = openDirs(parts.subList(0, parts.size() - 1), absolute);
        if (cachedFd >= 0) Libc.close(cachedFd);
        cachedParent = parent;
        cachedFd = fd;
        return new Leaf(fd, parts.get(parts.size() - 1));
    }

    /** A directory entry to act on: {@code name} inside {@code dirFd}; name null means the target root itself. */
    record Leaf(int dirFd, byte[] name) {
        /** A path the kernel resolves through the descriptor without following the leaf: for xattr calls. */
        byte[] procPath() {
            byte[] dir = PathBytes.of("/proc/self/fd/" + dirFd);
            return name == null ? dir : PathBytes.join(dir, name);
        }
    }

    private int openDirs(List<byte[]> dirs, byte[] forPath) throws IOException {
        int fd = Libc.openAt(rootFd, PathBytes.of("."), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            for (byte[] d : dirs) {
                int next;
                try {
                    next = Libc.openAt(fd, d, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0);
                } catch (NativeException e) {
                    if (e.errno() != Errno.ENOENT) {
                        throw new IOException("cannot restore " + PathBytes.display(forPath) + ": "
                                + PathBytes.display(d) + " in the target is not a directory (" + e.getMessage() + ")");
                    }
                    try {
                        Libc.mkdirAt(fd, d, 0700);
                    } catch (NativeException ex) {
                        if (ex.errno() != Errno.EEXIST) throw ex; // another thread made it
                    }
                    next = Libc.openAt(fd, d, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0);
                }
                Libc.close(fd);
                fd = next;
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** What is at the leaf now, or null. */
    static FileStat stat(Leaf l) throws NativeException {
        try {
            return Libc.statAt(l.dirFd(), l.name() == null ? PathBytes.of(".") : l.name(), Libc.AT_SYMLINK_NOFOLLOW);
        } catch (NativeException e) {
            if (e.errno() == Errno.ENOENT) return null;
            throw e;
        }
    }

    @Override
    public void close() {
        if (cachedFd >= 0) Libc.close(cachedFd);
        cachedFd = -1;
        cachedParent = null;
    }
}
