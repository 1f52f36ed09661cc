package org.mondo.compare;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.mondo.catalog.Entry;
import org.mondo.catalog.Xattr;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.read.Backup;
import org.mondo.read.ContentReader;

/**
 * Compares a backup with a system: every cataloged entry's type, size, mode, owner, mtime,
 * link target, device numbers, xattrs and ACLs, and its content by SHA-256 — and reads every set
 * and slice from the media to prove they still restore. Used by `mondorestore -Z compare`
 * and `mondoarchive -V`.
 */
public final class CompareEngine {
    private final Backup backup;
    private final byte[] root;
    private final int threads;
    private final ProgressMeter progress;

    public record Result(List<Difference> differences, List<Difference> damaged, long compared) {
        public boolean clean() {
            return differences.isEmpty() && damaged.isEmpty();
        }
    }

    /** @param root where the backed-up system is mounted: "/" on a running system */
    public CompareEngine(Backup backup, byte[] root, int threads, ProgressMeter progress) {
        this.backup = backup;
        this.root = root;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    public Result run(Predicate<Entry> wanted) throws IOException, InterruptedException {
        List<Entry> entries = new ArrayList<>();
        long bytes = 0; // read twice: from the media, and from the live system (links too)
        for (Entry e : backup.catalog()) {
            if (wanted.test(e)) {
                entries.add(e);
                if (e.hasContent()) bytes += 2 * e.size;
                else if (e.hardLink) bytes += e.size;
            }
        }
        List<Difference> diffs = Collections.synchronizedList(new ArrayList<>());
        List<Difference> damaged = Collections.synchronizedList(new ArrayList<>());
        ContentReader reader = new ContentReader(backup);
        progress.phase("Comparing", entries.size(), bytes);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // The media: every set and big file read back and checked against the catalog.
            ContentReader.Visitor media = new ContentReader.Visitor() {
                @Override
                public ContentReader.Completion visit(Entry e, InputStream content) throws IOException {
                    if (content != null) {
                        progress.addBytes(content.transferTo(java.io.OutputStream.nullOutputStream()));
                    }
                    return ContentReader.Completion.NONE;
                }

                @Override
                public void damaged(Entry e, String reason) {
                    damaged.add(new Difference(e.path, List.of("backup " + reason)));
                }
            };
            List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>(reader.tasks(wanted, media));
            // The live system, in chunks of entries.
            int chunk = 256;
            for (int i = 0; i < entries.size(); i += chunk) {
                List<Entry> part = entries.subList(i, Math.min(entries.size(), i + chunk));
                tasks.add(() -> {
                    for (Entry e : part) {
                        List<String> what = compare(e, reader);
                        if (!what.isEmpty()) diffs.add(new Difference(e.path, what));
                        progress.addFiles(1);
                    }
                    return null;
                });
            }
            org.mondo.read.Parallel.runAll(pool, tasks);
        } finally {
            pool.shutdownNow();
        }
        progress.done();
        Comparator<Difference> byPath = (a, b) -> Arrays.compareUnsigned(a.path(), b.path());
        List<Difference> d = new ArrayList<>(diffs);
        d.sort(byPath);
        List<Difference> m = new ArrayList<>(damaged);
        m.sort(byPath);
        return new Result(d, m, entries.size());
    }

    private byte[] live(byte[] path) {
        if (root.length == 1 && root[0] == '/') return path;
        if (path.length == 1 && path[0] == '/') return root;
        return PathBytes.join(root, PathBytes.relative(path));
    }

    /** What differs for one entry; empty when it matches. */
    List<String> compare(Entry e, ContentReader reader) {
        List<String> what = new ArrayList<>();
        byte[] p = live(e.path);
        FileStat st;
        try {
            st = Libc.lstat(p);
        } catch (NativeException ex) {
            what.add(ex.isNotFound() ? "missing" : "unreadable (" + ex.getMessage() + ")");
            return what;
        }
        if (st.type() != e.type) {
            what.add("type " + e.type.letter + "->" + st.type().letter);
            return what;
        }
        if (st.permissions() != e.mode) what.add(String.format("mode %04o->%04o", e.mode, st.permissions()));
        if (st.uid() != e.uid) what.add("uid " + Integer.toUnsignedString(e.uid) + "->" + Integer.toUnsignedString(st.uid()));
        if (st.gid() != e.gid) what.add("gid " + Integer.toUnsignedString(e.gid) + "->" + Integer.toUnsignedString(st.gid()));
        if (e.type != FileType.DIRECTORY && (st.mtimeSec() != e.mtimeSec || st.mtimeNsec() != e.mtimeNsec)) {
            what.add("mtime " + e.mtimeSec + "." + String.format("%09d", e.mtimeNsec) + "->" + st.mtimeSec() + "."
                    + String.format("%09d", st.mtimeNsec()));
        }
        switch (e.type) {
            case REGULAR -> compareContent(e, p, st, reader, what);
            case SYMLINK -> {
                try {
                    byte[] target = Libc.readlink(p);
                    if (!Arrays.equals(target, e.link)) {
                        what.add("link target " + PathBytes.display(e.link) + "->" + PathBytes.display(target));
                    }
                } catch (NativeException ex) {
                    what.add("link unreadable");
                }
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (st.rdevMajor() != e.rdevMajor || st.rdevMinor() != e.rdevMinor) {
                    what.add("device " + e.rdevMajor + "," + e.rdevMinor + "->" + st.rdevMajor() + "," + st.rdevMinor());
                }
            }
            default -> { }
        }
        compareXattrs(e, p, what);
        return what;
    }

    private void compareContent(Entry e, byte[] p, FileStat st, ContentReader reader, List<String> what) {
        byte[] sha = e.sha256;
        if (e.hardLink) {
            Entry leader = reader.entry(e.link);
            sha = leader == null ? null : leader.sha256;
            try {
                FileStat ls = Libc.lstat(live(e.link));
                if (ls.ino() != st.ino() || ls.dev() != st.dev()) what.add("hard link to " + PathBytes.display(e.link) + " broken");
            } catch (NativeException ex) {
                what.add("hard link to " + PathBytes.display(e.link) + " broken");
            }
        }
        if (st.size() != e.size) {
            what.add("size " + e.size + "->" + st.size());
            what.add("content");
            return;
        }
        if (sha == null) return;
        try {
            LiveFile.Digest d = LiveFile.sha256(p);
            progress.addBytes(d.size());
            if (!Arrays.equals(d.sha256(), sha)) what.add("content");
        } catch (NativeException ex) {
            what.add("unreadable (" + ex.getMessage() + ")");
        }
    }

    private static void compareXattrs(Entry e, byte[] p, List<String> what) {
        List<Xattr> live = new ArrayList<>();
        try {
            List<byte[]> names = new ArrayList<>(Libc.listXattrs(p));
            names.sort(Arrays::compareUnsigned);
            for (byte[] n : names) {
                byte[] v = Libc.getXattr(p, n);
                if (v != null) live.add(new Xattr(n, v));
            }
        } catch (NativeException ex) {
            what.add("xattrs unreadable");
            return;
        }
        if (live.equals(e.xattrs)) return;
        List<String> names = new ArrayList<>();
        for (Xattr x : e.xattrs) if (!live.contains(x)) names.add(x.nameString());
        for (Xattr x : live) if (!e.xattrs.contains(x) && !names.contains(x.nameString())) names.add(x.nameString());
        boolean acl = names.removeIf(n -> n.startsWith("system.posix_acl"));
        if (acl) what.add("acl");
        if (!names.isEmpty()) what.add("xattr " + String.join(" ", names));
    }

    static String hex(byte[] b) {
        return b == null ? "-" : HexFormat.of().formatHex(b);
    }
}
