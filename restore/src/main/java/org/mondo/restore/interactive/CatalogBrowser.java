package org.mondo.restore.interactive;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.mondo.catalog.Entry;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.Sizes;

/** ls over the backup's catalog: the entries directly below a directory, like ls -l. */
public final class CatalogBrowser {
    private final List<Entry> catalog;

    public CatalogBrowser(List<Entry> catalog) {
        this.catalog = catalog;
    }

    public List<String> list(String dir) {
        byte[] d = PathBytes.of(dir.equals("/") ? "/" : dir.replaceAll("/+$", ""));
        TreeMap<String, String> out = new TreeMap<>();
        for (Entry e : catalog) {
            if (e.path.length <= d.length || !PathBytes.isAtOrBelow(e.path, d)) continue;
            String rest = PathBytes.display(e.path).substring(d.length == 1 ? 1 : d.length + 1);
            if (rest.isEmpty() || rest.contains("/")) continue;
            out.put(rest, String.format("%s %10s  %s%s", e.type.letter, e.isRegular() ? Sizes.human(e.size) : "",
                    rest, e.type == org.mondo.nativeio.FileType.DIRECTORY ? "/" : ""));
        }
        return out.isEmpty() ? List.of("(nothing under " + dir + " in the backup)") : new ArrayList<>(out.values());
    }
}
