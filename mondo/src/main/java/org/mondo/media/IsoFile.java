package org.mondo.media;

import java.util.List;

/**
 * A file or directory in an ISO 9660 image. {@code path} is absolute ("/" for the root);
 * {@code extents} are the data's runs on the image, in order (more than one only for files of
 * 4 GiB and more, written multi-extent).
 */
public record IsoFile(String name, String path, long size, boolean isDirectory, List<Extent> extents) {

    /** A run of {@code length} bytes starting at logical block {@code lba}. */
    public record Extent(long lba, long length) {}

    public IsoFile {
        extents = List.copyOf(extents);
    }
}
