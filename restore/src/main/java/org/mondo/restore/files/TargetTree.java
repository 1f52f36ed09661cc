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
 * ".." and no symlink is ever followed on the way down. One instance per thread: it keeps the
 * descriptors of every directory on the way to the last parent, so the next path opens only the
 * components it does not share with the last one (archives list a tree depth first: a restore
 * that opened the whole chain at every change of directory made 5.5 openat calls a file).
 */
final class TargetTree implements AutoCloseable {
    private final int rootFd;
    /** The open chain: {@code chainFds[i]} is the directory reached by components 0..i, named {@code chainNames[i]}. */
    private byte[][] chainNames = new byte[16][];
    private int[] chainFds = new int[16];
    private int depth;

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
        int dirs = parts.size() - 1;
        int common = 0;
        while (common < depth && common < dirs && Arrays.equals(chainNames[common], parts.get(common))) common++;
        closeChainFrom(common);
        for (int i = common; i < dirs; i++) push(parts.get(i), openDir(dirFd(i), parts.get(i), absolute));
        return new Leaf(dirFd(dirs), parts.get(dirs));
    }

    /** The descriptor of the directory reached by the first {@code components} components. */
    private int dirFd(int components) {
        return components == 0 ? rootFd : chainFds[components - 1];
    }

    private void push(byte[] name, int fd) {
        if (depth == chainFds.length) {
            chainFds = Arrays.copyOf(chainFds, depth * 2);
            chainNames = Arrays.copyOf(chainNames, depth * 2);
        }
        chainNames[depth] = name;
        chainFds[depth++] = fd;
    }

    private void closeChainFrom(int keep) {
        while (depth > keep) {
            Libc.close(chainFds[--depth]);
            chainNames[depth] = null;
        }
    }

    /** A directory entry to act on: {@code name} inside {@code dirFd}; name null means the target root itself. */
    record Leaf(int dirFd, byte[] name) {
        /** A path the kernel resolves through the descriptor without following the leaf: for xattr calls. */
        byte[] procPath() {
            byte[] dir = PathBytes.of("/proc/self/fd/" + dirFd);
            return name == null ? dir : PathBytes.join(dir, name);
        }
    }

    /** Opens (making it when missing) the directory {@code name} inside {@code parentFd}, never through a symlink. */
    private static int openDir(int parentFd, byte[] name, byte[] forPath) throws IOException {
        try {
            return Libc.openAt(parentFd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0);
        } catch (NativeException e) {
            if (e.errno() != Errno.ENOENT) {
                throw new IOException("cannot restore " + PathBytes.display(forPath) + ": "
                        + PathBytes.display(name) + " in the target is not a directory (" + e.getMessage() + ")");
            }
        }
        try {
            Libc.mkdirAt(parentFd, name, 0700);
        } catch (NativeException ex) {
            if (ex.errno() != Errno.EEXIST) throw ex; // another thread made it
        }
        return Libc.openAt(parentFd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0);
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
        closeChainFrom(0);
    }
}
