package org.mondo.nativeio;

/**
 * What statx(2) says of one file. {@code mode} holds type and permission bits;
 * {@code blocks} counts 512-byte units (less than size/512 means the file has holes).
 */
public record FileStat(
        int mode, long ino, long dev, int nlink, int uid, int gid, long size, long blocks,
        long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec, long atimeSec, int atimeNsec,
        int rdevMajor, int rdevMinor) {

    public FileType type() {
        return FileType.ofMode(mode);
    }

    /** Permission bits including setuid, setgid and sticky. */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return (mode & FileType.S_IFMT) == FileType.DIRECTORY.modeBits;
    }

    public boolean isRegular() {
        return (mode & FileType.S_IFMT) == FileType.REGULAR.modeBits;
    }

    public boolean isSymlink() {
        return (mode & FileType.S_IFMT) == FileType.SYMLINK.modeBits;
    }

    /** A regular file that occupies less disk than its length: it has holes. */
    public boolean looksSparse() {
        return isRegular() && blocks * 512 < size;
    }
}
