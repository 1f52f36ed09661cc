package org.mondo.sets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.mondo.catalog.Entry;

/** Writes the files that go beside a set on the volume (its xattr and ACL dumps). */
@FunctionalInterface
public interface SideFiles {
    List<Piece.NamedFile> write(int set, List<Entry> entries, Path dir) throws IOException;

    SideFiles NONE = (set, entries, dir) -> List.of();
}
