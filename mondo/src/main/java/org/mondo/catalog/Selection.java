package org.mondo.catalog;

import java.util.ArrayList;
import java.util.List;

import org.mondo.nativeio.PathBytes;

/**
 * What the walk covers: include roots, and the paths it leaves out (the user's -E list, the
 * backup's own -d/-T/-S directories, the mount points of virtual or network file systems).
 * An excluded directory is kept as an empty directory; an excluded file is left out.
 */
public final class Selection {
    private final List<byte[]> includes;
    private final List<byte[]> excludes;
    private final java.util.Set<java.nio.ByteBuffer> excludeSet = new java.util.HashSet<>();

    public Selection(List<byte[]> includes, List<byte[]> excludes) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        for (byte[] x : excludes) excludeSet.add(java.nio.ByteBuffer.wrap(x));
    }

    public List<byte[]> includes() {
        return includes;
    }

    public List<byte[]> excludes() {
        return excludes;
    }

    /** True for an excluded path itself; what lies below it is never visited. */
    public boolean isExcluded(byte[] path) {
        return excludeSet.contains(java.nio.ByteBuffer.wrap(path));
    }

    /** Normalises a user-given path: absolute, no trailing or doubled slashes, no "." or ".." parts. */
    public static byte[] normalise(String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + path);
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(p);
        }
        return PathBytes.of("/" + String.join("/", parts));
    }
}
