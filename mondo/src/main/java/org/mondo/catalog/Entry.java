package org.mondo.catalog;

import java.util.List;

import org.mondo.nativeio.FileType;

/**
 * One file-system object in the backup: its metadata as the walk saw it, and where its
 * content went. Mutable: the walk fills the metadata, the set or slice job that reads the
 * content fills {@link #sha256} and {@link #codec}, the volume writer fills the volumes.
 */
public final class Entry {
    /** Absolute path as raw bytes ("/etc/passwd"). */
    public final byte[] path;
    public final FileType type;
    /** Permission bits incl. setuid/setgid/sticky (07777). */
    public int mode;
    public int uid;
    public int gid;
    public String user;
    public String group;
    public long mtimeSec;
    public int mtimeNsec;
    public long size;
    public int rdevMajor;
    public int rdevMinor;
    /** Symlink target, or for a hard link the path of the earlier entry that carries the data. */
    public byte[] link;
    /** True for a hard link to {@link #link}: no content of its own. */
    public boolean hardLink;
    public boolean sparse;
    public List<Xattr> xattrs = List.of();

    /** Walk-time identity of the inode, to find hard links; not stored. */
    public transient long dev;
    public transient long ino;
    public transient int nlink;
    /** A sibling already bears this name plus the codec suffix: store raw to avoid a clash in the cpio set. */
    public transient boolean storeRaw;
    /** Vanished or unreadable when its content was due: left out of the catalog. */
    public transient volatile boolean gone;

    // Where the content lives.
    public byte[] sha256;
    /** Codec suffix of the stored member ("zst", "gz", …) or "" when stored raw. */
    public String codec = "";
    /** Archive set holding this entry (1-based), or 0. */
    public int set;
    /** Big-file number (1-based) when the content is in slices, else 0. */
    public int big;
    public int slices;
    public int firstVolume;
    public int lastVolume;

    public Entry(byte[] path, FileType type) {
        this.path = path;
        this.type = type;
    }

    public boolean isRegular() {
        return type == FileType.REGULAR;
    }

    /** A regular file whose data the backup must read (not a hard link to an earlier one). */
    public boolean hasContent() {
        return type == FileType.REGULAR && !hardLink;
    }

    @Override
    public String toString() {
        return org.mondo.nativeio.PathBytes.display(path);
    }
}
