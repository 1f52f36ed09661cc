package org.mondo.mindi.deps;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An ordered set of host files for the boot environment, symlinks kept as symlinks: adding a path
 * records every symlink met on the way to it (merged-/usr's /lib -> usr/lib, libtinfo.so.6 ->
 * libtinfo.so.6.4, /sbin/mkfs.ext4 -> mke2fs), each under its real parent directory, and then the
 * file it ends at. Recreating the entries in order gives the same name lookups as on the host.
 */
public final class FileSet implements Iterable<FileSet.Entry> {
    public enum Kind { FILE, DIRECTORY, SYMLINK }

    /** One host object: path has no symlink in its parent directories; target only for a symlink. */
    public record Entry(Path path, Kind kind, String target) {}

    private static final int MAX_LINKS = 40;
    private final Map<Path, Entry> entries = new LinkedHashMap<>();

    /**
     * Adds a path (absolute, or relative to the working directory) and the symlinks on its way;
     * returns its real path. NoSuchFileException when it, or a symlink's target, does not exist.
     */
    public Path add(Path path) throws IOException {
        return walk(path, true);
    }

    /** Adds a directory, everything under it (sorted, symlinks not followed but their targets added too). */
    public Path addTree(Path dir) throws IOException {
        Path real = add(dir);
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) return real;
        List<Path> children;
        try (Stream<Path> s = Files.walk(real)) {
            children = s.skip(1).sorted().toList();
        }
        for (Path c : children) add(c);
        return real;
    }

    /** The real path a path leads to (symlinks resolved as the kernel would), without adding anything. */
    public static Path realPath(Path path) throws IOException {
        return new FileSet().walk(path, false);
    }

    public void addAll(FileSet other) {
        for (Entry e : other.entries.values()) entries.putIfAbsent(e.path(), e);
    }

    public boolean contains(Path path) {
        return entries.containsKey(path);
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Every path in order: symlinks and the files and directories they lead to. */
    public List<Path> paths() {
        return List.copyOf(entries.keySet());
    }

    /** Only the regular files (real paths), in order. */
    public List<Path> files() {
        return entries.values().stream().filter(e -> e.kind() == Kind.FILE).map(Entry::path).toList();
    }

    public int size() {
        return entries.size();
    }

    @Override
    public Iterator<Entry> iterator() {
        return entries().iterator();
    }

    private Path walk(Path path, boolean record) throws IOException {
        Path abs = path.toAbsolutePath();
        Deque<String> todo = new ArrayDeque<>();
        for (Path p : abs) todo.addLast(p.toString());
        Path done = abs.getRoot();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (done.getParent() != null) done = done.getParent();
                continue;
            }
            Path next = done.resolve(c);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(next.toString(), null,
                        next.equals(abs) ? null : "on the way to " + path);
            }
            if (a.isSymbolicLink()) {
                if (++links > MAX_LINKS) throw new FileSystemLoopException(path.toString());
                String target = Files.readSymbolicLink(next).toString();
                if (record) entries.putIfAbsent(next, new Entry(next, Kind.SYMLINK, target));
                Path t = Path.of(target);
                List<String> parts = new ArrayList<>();
                for (Path p : t) parts.add(p.toString());
                for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                if (t.isAbsolute()) done = t.getRoot();
            } else {
                if (!a.isDirectory() && !todo.isEmpty()) throw new NoSuchFileException(next.toString(), null, "not a directory");
                done = next;
            }
        }
        if (record && done.getParent() != null) {
            boolean dir = Files.isDirectory(done, LinkOption.NOFOLLOW_LINKS);
            entries.putIfAbsent(done, new Entry(done, dir ? Kind.DIRECTORY : Kind.FILE, null));
        }
        return done;
    }
}
