package org.mondo.mindi.bootenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file tree of a boot environment, built up before it is written (as an initramfs or as the
 * stage-2 archive on the medium). Host files keep their paths and their symlinks — merged-/usr
 * systems have /lib -> usr/lib, so a library added as /lib/x86_64-linux-gnu/libc.so.6 lands in
 * /usr/lib/… behind a /lib symlink, exactly as the tools expect.
 */
public final class RootTree {
    public sealed interface Node permits Dir, HostFile, Bytes, Link {
        String path();
    }

    public record Dir(String path, int mode) implements Node {}

    public record HostFile(String path, Path source, int mode) implements Node {}

    public record Bytes(String path, byte[] data, int mode) implements Node {}

    public record Link(String path, String target) implements Node {}

    private final Map<String, Node> nodes = new TreeMap<>();

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Node nodeAt(String path) {
        return nodes.get(normal(path));
    }

    /** Drops one node (not what lies below it). */
    public void remove(String path) {
        nodes.remove(normal(path));
    }

    public boolean contains(String path) {
        return nodes.containsKey(resolveParents(normal(path)));
    }

    public void dir(String path, int mode) {
        String p = resolveParents(normal(path));
        if (p.equals("/")) return;
        if (nodes.get(p) instanceof Dir) return;
        dir(parent(p), 0755);
        nodes.put(p, new Dir(p, mode));
    }

    public void bytes(String path, byte[] data, int mode) {
        String p = resolveParents(normal(path));
        dir(parent(p), 0755);
        nodes.put(p, new Bytes(p, data, mode));
    }

    public void text(String path, String text, int mode) {
        bytes(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode);
    }

    /** A host file at another path in the tree (its mode kept). */
    public void copy(Path source, String path) throws IOException {
        String p = resolveParents(normal(path));
        dir(parent(p), 0755);
        nodes.put(p, new HostFile(p, source, mode(source)));
    }

    public void link(String path, String target) {
        String p = resolveParents(normal(path));
        dir(parent(p), 0755);
        nodes.putIfAbsent(p, new Link(p, target));
    }

    /**
     * A host file or directory tree under its own path, with every symlink on the way (in the
     * directories above it and the file itself) kept as a symlink and its target added too.
     */
    public void host(Path file) throws IOException {
        host(file.toAbsolutePath().normalize(), 0);
    }

    private void host(Path file, int depth) throws IOException {
        if (depth > 40) throw new IOException("too many symlinks at " + file);
        // The directories above, symlinks included.
        Path real = Path.of("/");
        for (Path part : file.getParent() == null ? List.<Path>of() : iterable(file.getParent())) {
            Path next = real.resolve(part);
            if (Files.isSymbolicLink(next)) {
                Path target = Files.readSymbolicLink(next);
                link(next.toString(), target.toString());
                Path resolved = next.getParent().resolve(target).normalize();
                host(resolved, depth + 1); // make sure the target directory exists in the tree
                real = resolved;
            } else {
                real = next;
            }
        }
        Path here = real.resolve(file.getFileName());
        if (Files.isSymbolicLink(here)) {
            Path target = Files.readSymbolicLink(here);
            link(here.toString(), target.toString());
            host(here.getParent().resolve(target).normalize(), depth + 1);
        } else if (Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
            dir(here.toString(), mode(here));
        } else if (Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
            String p = here.toString();
            dir(parent(p), 0755);
            nodes.put(p, new HostFile(p, here, mode(here)));
        } else {
            throw new IOException("not found: " + here);
        }
    }

    /** A whole host directory tree (e.g. /usr/lib/grub/x86_64-efi). */
    public void hostTree(Path dir) throws IOException {
        host(dir);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (!p.equals(dir)) host(p);
            }
        }
    }

    private static List<Path> iterable(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : dir) out.add(p);
        return out;
    }

    /** Follows the tree's own symlinks in the directories above a path. */
    private String resolveParents(String p) {
        if (p.equals("/")) return p;
        String parent = parent(p);
        String resolvedParent = parent.equals("/") ? "/" : resolveParents(parent);
        Node n = nodes.get(resolvedParent);
        int guard = 0;
        while (n instanceof Link l && guard++ < 40) {
            resolvedParent = l.target().startsWith("/") ? normal(l.target())
                    : normal(parent(resolvedParent) + "/" + l.target());
            n = nodes.get(resolvedParent);
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        return resolvedParent.equals("/") ? "/" + name : resolvedParent + "/" + name;
    }

    static String normal(String path) {
        String n = Path.of("/").resolve(path).normalize().toString();
        return n.isEmpty() ? "/" : n;
    }

    static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
