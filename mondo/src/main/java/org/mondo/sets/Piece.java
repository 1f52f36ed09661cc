package org.mondo.sets;

import java.nio.file.Path;
import java.util.List;

import org.mondo.catalog.Entry;

/**
 * A finished file a job hands to the volume writer: an archive set (with its xattr and ACL
 * dumps beside it) or one slice of a big file. Files lie in the scratch directory until a
 * volume takes them.
 */
public sealed interface Piece {
    /** The files to put on the volume, by the name they get in archives/. */
    List<NamedFile> files();

    /** The catalog entries whose content this piece holds. */
    List<Entry> entries();

    record NamedFile(String name, Path file, long size) {}

    record SetPiece(int set, List<NamedFile> files, List<Entry> entries) implements Piece {}

    record SlicePiece(Entry entry, int index, boolean last, List<NamedFile> files) implements Piece {
        @Override
        public List<Entry> entries() {
            return List.of(entry);
        }
    }

    default long totalSize() {
        long s = 0;
        for (NamedFile f : files()) s += f.size();
        return s;
    }
}
