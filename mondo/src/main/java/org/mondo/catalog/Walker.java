package org.mondo.catalog;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;

/**
 * Walks the include roots into a catalog, without following symlinks. Names stay bytes
 * (getdents64), each directory is listed in byte order so the catalog is deterministic.
 * Excluded directories and the mount points of left-out file systems are kept as empty
 * directories with their metadata, as MondoRescue does, so the restored tree has them.
 */
public final class Walker {
    private final Selection selection;
    private final UserNames names;
    private final String codecSuffix;
    private final Map<Long, Map<Long, Entry>> linkLeaders = new HashMap<>();
    private final Set<ByteBuffer> emitted = new HashSet<>();
    private final Set<ByteBuffer> descended = new HashSet<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** getdents64's buffer, confined to the walking thread (made by walk()); one is enough: a directory is read whole before its children are. */
    private Arena arena;
    private MemorySegment dents;
    /** What getdents64 returned, copied out to be parsed as plain bytes (far cheaper to JIT-compile than segment reads). */
    private final byte[] dentBytes = new byte[DENTS_BYTES];
    private static final int DENTS_BYTES = 64 * 1024;
    private final Progress progress;

    /** Called now and then with the count of entries so far. */
    @FunctionalInterface
    public interface Progress {
        void walked(long entries, long bytes);
    }

    public Walker(Selection selection, UserNames names, String codecSuffix, Progress progress) {
        this.selection = selection;
        this.names = names;
        this.codecSuffix = codecSuffix.isEmpty() ? "" : "." + codecSuffix;
        this.progress = progress;
    }

    public record Result(List<Entry> entries, List<String> problems) {}

    public Result walk() {
        return walk(e -> { });
    }

    /** Walks, handing each entry to {@code each} as soon as it is complete (in catalog order). */
    public Result walk(Consumer<Entry> each) {
        this.each = each;
        arena = Arena.ofConfined();
        dents = arena.allocate(DENTS_BYTES, 8);
        try {
            for (byte[] root : selection.includes()) {
                emitAncestors(root);
                FileStat st;
                try {
                    st = Libc.lstat(root);
                } catch (NativeException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                visit(root, st);
            }
            return new Result(entries, problems);
        } finally {
            arena.close();
        }
    }

    private long bytes;
    private Consumer<Entry> each;

    /** The directories above an include root, so a restore recreates them with their metadata. */
    private void emitAncestors(byte[] root) {
        List<byte[]> chain = new ArrayList<>();
        if (root.length == 1) return; // "/" has no ancestors
        for (byte[] p = PathBytes.parent(root); p.length > 0; p = PathBytes.parent(p)) {
            chain.add(0, p);
            if (p.length == 1) break;
        }
        for (byte[] p : chain) {
            if (emitted.contains(ByteBuffer.wrap(p))) continue;
            try {
                add(p, Libc.lstat(p));
            } catch (NativeException e) {
                problems.add(e.getMessage());
            }
        }
    }

    private void visit(byte[] path, FileStat st) {
        if (selection.isExcluded(path)) {
            if (st.isDirectory()) add(path, st); // kept, empty
            return;
        }
        add(path, st); // null when already there, e.g. as an ancestor of an earlier include root
        if (!st.isDirectory() || !descended.add(ByteBuffer.wrap(path))) return;
        List<byte[]> children = list(path);
        if (children == null) return;
        Set<ByteBuffer> siblings = codecSuffix.isEmpty() ? Set.of() : suffixedNames(children);
        for (byte[] name : children) {
            byte[] child = PathBytes.join(path, name);
            FileStat cs;
            try {
                cs = Libc.lstat(child);
            } catch (NativeException ex) {
                if (!ex.isNotFound()) problems.add(ex.getMessage());
                continue; // vanished since the listing
            }
            if (!siblings.isEmpty() && cs.isRegular() && siblings.contains(ByteBuffer.wrap(withSuffix(name)))) {
                pendingRaw.add(ByteBuffer.wrap(child));
            }
            visit(child, cs);
        }
    }

    private Set<ByteBuffer> suffixedNames(List<byte[]> names) {
        Set<ByteBuffer> s = null;
        byte[] suf = PathBytes.of(codecSuffix);
        // A name that already ends in the suffix is rare; only then is a set of them built.
        for (byte[] n : names) {
            if (n.length > suf.length && Arrays.equals(n, n.length - suf.length, n.length, suf, 0, suf.length)) {
                if (s == null) s = new HashSet<>();
                s.add(ByteBuffer.wrap(n));
            }
        }
        return s == null ? Set.of() : s;
    }

    private byte[] withSuffix(byte[] name) {
        byte[] suf = PathBytes.of(codecSuffix);
        byte[] out = Arrays.copyOf(name, name.length + suf.length);
        System.arraycopy(suf, 0, out, name.length, suf.length);
        return out;
    }

    private final Set<ByteBuffer> pendingRaw = new HashSet<>();

    /** Lists a directory's names (not "." or ".."), sorted by bytes; null when it cannot be read. */
    private List<byte[]> list(byte[] dir) {
        int fd;
        try {
            fd = Libc.open(dir, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0);
        } catch (NativeException e) {
            if (!e.isNotFound()) problems.add(e.getMessage());
            return null;
        }
        try {
            List<byte[]> names = new ArrayList<>();
            byte[] b = dentBytes;
            while (true) {
                int n = (int) Libc.getdents64(fd, dents);
                if (n == 0) break;
                MemorySegment.copy(dents, ValueLayout.JAVA_BYTE, 0, b, 0, n);
                // struct linux_dirent64: ino (8), off (8), reclen (2, little-endian), type (1), name (NUL-terminated)
                for (int off = 0; off < n; off += (b[off + 16] & 0xff) | (b[off + 17] & 0xff) << 8) {
                    int start = off + 19;
                    int end = start;
                    while (b[end] != 0) end++;
                    int len = end - start;
                    boolean dots = b[start] == '.' && (len == 1 || len == 2 && b[start + 1] == '.');
                    if (!dots) names.add(Arrays.copyOfRange(b, start, end));
                }
            }
            names.sort(Arrays::compareUnsigned);
            return names;
        } catch (NativeException e) {
            problems.add(e.getMessage());
            return null;
        } finally {
            Libc.close(fd);
        }
    }

    private Entry add(byte[] path, FileStat st) {
        ByteBuffer key = ByteBuffer.wrap(path);
        if (!emitted.add(key)) return null; // overlapping include roots
        Entry e = new Entry(path, st.type());
        e.mode = st.permissions();
        e.uid = st.uid();
        e.gid = st.gid();
        e.user = names.user(st.uid());
        e.group = names.group(st.gid());
        e.mtimeSec = st.mtimeSec();
        e.mtimeNsec = st.mtimeNsec();
        e.dev = st.dev();
        e.ino = st.ino();
        e.nlink = st.nlink();
        if (st.type() == FileType.REGULAR) {
            e.size = st.size();
            e.sparse = st.looksSparse();
            e.storeRaw = pendingRaw.remove(key);
            if (st.nlink() > 1) {
                Map<Long, Entry> byIno = linkLeaders.computeIfAbsent(st.dev(), d -> new HashMap<>());
                Entry leader = byIno.putIfAbsent(st.ino(), e);
                if (leader != null) {
                    e.hardLink = true;
                    e.link = leader.path;
                    e.size = leader.size;
                }
            }
            if (!e.hardLink) bytes += e.size;
        } else if (st.type() == FileType.SYMLINK) {
            try {
                e.link = Libc.readlink(path);
                e.size = e.link.length;
            } catch (NativeException ex) {
                problems.add(ex.getMessage());
                return null;
            }
        } else if (st.type() == FileType.CHAR_DEVICE || st.type() == FileType.BLOCK_DEVICE) {
            e.rdevMajor = st.rdevMajor();
            e.rdevMinor = st.rdevMinor();
        }
        e.xattrs = readXattrs(path);
        entries.add(e);
        each.accept(e);
        if (progress != null && (entries.size() & 0x3ff) == 0) progress.walked(entries.size(), bytes);
        return e;
    }

    private List<Xattr> readXattrs(byte[] path) {
        try {
            List<byte[]> xnames = Libc.listXattrs(path);
            if (xnames.isEmpty()) return List.of();
            List<Xattr> out = new ArrayList<>(xnames.size());
            xnames.sort(Arrays::compareUnsigned);
            for (byte[] n : xnames) {
                byte[] v = Libc.getXattr(path, n);
                if (v != null) out.add(new Xattr(n, v));
            }
            return List.copyOf(out);
        } catch (NativeException ex) {
            problems.add(ex.getMessage());
            return List.of();
        }
    }
}
