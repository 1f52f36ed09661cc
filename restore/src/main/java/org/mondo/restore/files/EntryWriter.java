package org.mondo.restore.files;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ThreadLocalRandom;

import org.mondo.catalog.Entry;
import org.mondo.catalog.Xattr;
import org.mondo.nativeio.Errno;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;
import org.mondo.read.ContentReader;

/**
 * Creates one entry in the target, faithfully: content (holes stay holes), owner, mode incl.
 * setuid/setgid/sticky, xattrs (ACLs, SELinux label, capabilities) and times, in that order —
 * chown clears setuid bits and capabilities, so it comes first. Non-directories are built under
 * a temporary name and renamed over the old one, so a running system never sees half a file.
 * Directories get their metadata at the end (see {@link DirectoryFixups}). One per thread.
 */
final class EntryWriter implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private final TargetTree tree;
    private final DirectoryFixups dirs;
    private final Arena arena = Arena.ofShared(); // closed by the restore's main thread
    private final MemorySegment buf = arena.allocate(CHUNK, 4096);
    private final byte[] heap = new byte[CHUNK];

    EntryWriter(TargetTree tree, DirectoryFixups dirs) {
        this.tree = tree;
        this.dirs = dirs;
    }

    /** Starts restoring {@code e} at {@code path} (its own path, or another for a hard link's data). */
    ContentReader.Completion write(Entry e, byte[] path, InputStream content) throws IOException {
        TargetTree.Leaf leaf = tree.leaf(path);
        if (e.type == FileType.DIRECTORY) {
            makeDirectory(leaf, path);
            dirs.add(e, path);
            return ContentReader.Completion.NONE;
        }
        if (leaf.name() == null) throw new IOException("the target root cannot become a " + e.type);
        // Made straight under its name when nothing is there (a fresh restore); otherwise under a
        // temporary name, renamed over the old entry once complete.
        byte[] built = leaf.name();
        boolean direct = true;
        try {
            make(e, leaf.dirFd(), built, content);
        } catch (NativeException ex) {
            if (ex.errno() != Errno.EEXIST) throw ex;
            built = tempName(leaf.name());
            direct = false;
            make(e, leaf.dirFd(), built, content);
        }
        TargetTree.Leaf made = new TargetTree.Leaf(leaf.dirFd(), built);
        boolean renameAfter = !direct;
        return new ContentReader.Completion() {
            @Override
            public void commit() throws IOException {
                try {
                    if (e.type != FileType.REGULAR) {
                        Libc.lchownAt(made.dirFd(), made.name(), e.uid, e.gid);
                        if (e.type != FileType.SYMLINK) Libc.chmodAt(made.dirFd(), made.name(), e.mode);
                    }
                    applyXattrs(e, made);
                    Libc.setTimesAt(made.dirFd(), made.name(), e.mtimeSec, e.mtimeNsec, e.mtimeSec, e.mtimeNsec);
                    if (renameAfter) replace(made.dirFd(), made.name(), leaf.name(), path);
                } catch (IOException | RuntimeException ex) {
                    unlinkQuietly(made.dirFd(), made.name());
                    throw ex;
                }
            }

            @Override
            public void abort() {
                unlinkQuietly(made.dirFd(), made.name());
            }
        };
    }

    /** Creates the node (with its content, owner and mode for a file); EEXIST when the name is taken. */
    private void make(Entry e, int dirFd, byte[] name, InputStream content) throws IOException {
        switch (e.type) {
            case REGULAR -> {
                int fd = Libc.openAt(dirFd, name, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, 0600);
                try {
                    writeContent(fd, content, e.sparse);
                    Libc.fchown(fd, e.uid, e.gid);
                    Libc.fchmod(fd, e.mode);
                } catch (IOException | RuntimeException ex) {
                    Libc.close(fd);
                    unlinkQuietly(dirFd, name);
                    throw ex;
                }
                Libc.close(fd);
            }
            case SYMLINK -> Libc.symlinkAt(e.link, dirFd, name);
            case CHAR_DEVICE, BLOCK_DEVICE, FIFO, SOCKET ->
                    Libc.mknodAt(dirFd, name, e.type.modeBits | e.mode, e.rdevMajor, e.rdevMinor);
            default -> throw new IOException("cannot restore a " + e.type);
        }
    }

    /** A hard link to an already restored file. */
    void link(Entry e, byte[] path, byte[] leaderPath) throws IOException {
        TargetTree.Leaf leader;
        try (TargetTree other = new TargetTree(treeRootFd())) {
            leader = other.leaf(leaderPath);
            TargetTree.Leaf leaf = tree.leaf(path);
            byte[] temp = tempName(leaf.name());
            Libc.linkAt(leader.dirFd(), leader.name(), leaf.dirFd(), temp);
            replace(leaf.dirFd(), temp, leaf.name(), path);
        }
    }

    private int treeRootFd() {
        return tree.rootFd();
    }

    private void makeDirectory(TargetTree.Leaf leaf, byte[] path) throws IOException {
        if (leaf.name() == null) return; // the target root exists
        // mkdir first: in a fresh restore nothing is there, and a stat first failed 11,000 times.
        try {
            Libc.mkdirAt(leaf.dirFd(), leaf.name(), 0700);
            return;
        } catch (NativeException ex) {
            if (ex.errno() != Errno.EEXIST) throw ex;
        }
        FileStat st = TargetTree.stat(leaf);
        if (st != null && st.isDirectory()) return;
        if (st != null && st.isSymlink()) {
            throw new IOException("not replacing the symlink " + PathBytes.display(path) + " in the target by a directory");
        }
        if (st != null) Libc.unlinkAt(leaf.dirFd(), leaf.name(), 0);
        try {
            Libc.mkdirAt(leaf.dirFd(), leaf.name(), 0700);
        } catch (NativeException ex) {
            if (ex.errno() != Errno.EEXIST) throw ex;
        }
    }

    /** Renames temp over name; an existing directory there is removed only when empty. */
    private static void replace(int dirFd, byte[] temp, byte[] name, byte[] path) throws IOException {
        try {
            Libc.renameAt(dirFd, temp, dirFd, name);
        } catch (NativeException ex) {
            if (ex.errno() != Errno.EISDIR && ex.errno() != 39 /* ENOTEMPTY */) throw ex;
            try {
                Libc.unlinkAt(dirFd, name, Libc.AT_REMOVEDIR);
            } catch (NativeException dirBusy) {
                throw new IOException("cannot restore " + PathBytes.display(path)
                        + ": a non-empty directory of that name is in the way");
            }
            Libc.renameAt(dirFd, temp, dirFd, name);
        }
    }

    static void applyXattrs(Entry e, TargetTree.Leaf leaf) throws NativeException {
        if (e.xattrs.isEmpty()) return;
        byte[] p = leaf.procPath();
        for (Xattr x : e.xattrs) {
            try {
                Libc.setXattr(p, x.name(), x.value());
            } catch (NativeException ex) {
                // user.* xattrs cannot be put on symlinks or devices (the kernel says EPERM); nor could they be read there.
                if (ex.errno() == Errno.EPERM && x.nameString().startsWith("user.")) continue;
                throw ex;
            }
        }
    }

    /** Writes the data; with {@code sparse}, blocks of zeros are skipped so they stay holes. */
    private void writeContent(int fd, InputStream in, boolean sparse) throws IOException {
        long pos = 0;
        while (true) {
            int n = in.readNBytes(heap, 0, CHUNK);
            if (n <= 0) break;
            if (sparse) {
                for (int off = 0; off < n; off += 4096) {
                    int len = Math.min(4096, n - off);
                    if (!allZero(heap, off, len)) {
                        MemorySegment.copy(heap, off, buf, ValueLayout.JAVA_BYTE, 0, len);
                        Libc.pwriteFully(fd, buf, len, pos + off);
                    }
                }
            } else {
                MemorySegment.copy(heap, 0, buf, ValueLayout.JAVA_BYTE, 0, n);
                Libc.pwriteFully(fd, buf, n, pos);
            }
            pos += n;
            if (n < CHUNK) break;
        }
        if (sparse) Libc.ftruncate(fd, pos);
    }

    private static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] != 0) return false;
        return true;
    }

    private static byte[] tempName(byte[] name) {
        String suffix = ".mondo-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        byte[] s = PathBytes.of(suffix);
        // Keep temporary names under NAME_MAX whatever the original length.
        int keep = Math.min(name.length, 255 - s.length - 1);
        byte[] out = new byte[1 + keep + s.length];
        out[0] = '.';
        System.arraycopy(name, 0, out, 1, keep);
        System.arraycopy(s, 0, out, 1 + keep, s.length);
        return out;
    }

    private static void unlinkQuietly(int dirFd, byte[] name) {
        try {
            Libc.unlinkAt(dirFd, name, 0);
        } catch (NativeException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
