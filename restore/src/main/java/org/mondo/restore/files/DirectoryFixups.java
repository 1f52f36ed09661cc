package org.mondo.restore.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mondo.catalog.Entry;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;

/**
 * Directories are created 0700 while their content is restored (so a 0555 directory can still be
 * filled) and get their owner, mode, xattrs and times at the very end, deepest first, so that
 * restoring the files inside does not change their mtimes afterwards.
 */
final class DirectoryFixups {
    private record Pending(Entry entry, byte[] path) {}

    private final List<Pending> pending = new ArrayList<>();

    synchronized void add(Entry e, byte[] path) {
        pending.add(new Pending(e, path));
    }

    /** Applies the metadata; returns the paths that failed, with why. */
    List<String> apply(int rootFd) {
        List<String> failed = new ArrayList<>();
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending);
        }
        all.sort(Comparator.comparingInt((Pending p) -> depth(p.path)).reversed());
        try (TargetTree tree = new TargetTree(rootFd)) {
            for (Pending p : all) {
                try {
                    TargetTree.Leaf leaf = tree.leaf(p.path);
                    byte[] name = leaf.name() == null ? PathBytes.of(".") : leaf.name();
                    Entry e = p.entry;
                    Libc.lchownAt(leaf.dirFd(), name, e.uid, e.gid);
                    Libc.chmodAt(leaf.dirFd(), name, e.mode);
                    EntryWriter.applyXattrs(e, leaf);
                    Libc.setTimesAt(leaf.dirFd(), name, e.mtimeSec, e.mtimeNsec, e.mtimeSec, e.mtimeNsec);
                } catch (IOException ex) {
                    failed.add(PathBytes.display(p.path) + ": " + ex.getMessage());
                }
            }
        }
        return failed;
    }

    private static int depth(byte[] path) {
        int d = 0;
        for (byte b : path) if (b == '/') d++;
        return path.length == 1 ? 0 : d;
    }
}
