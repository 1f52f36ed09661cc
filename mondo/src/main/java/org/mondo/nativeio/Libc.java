package org.mondo.nativeio;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The system calls Java does not offer, each made through {@link Syscall}'s one FFM downcall.
 * Paths are byte arrays (file names are bytes on Linux, not strings). Every call throws {@link NativeException} with errno on failure.
 * Each call's arguments live in its thread's {@link CallScratch}, so the class is safe to use from many threads.
 */
public final class Libc {
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_NOCTTY = 0x100;
    public static final int O_TRUNC = 0x200;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_NOFOLLOW = 0x20000;
    public static final int O_NOATIME = 0x40000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_PATH = 0x200000;

    public static final int SEEK_SET = 0;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final long UTIME_OMIT = (1L << 30) - 2L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // strerror is the only libc function called directly (its result is libc's own string, not a
    // system call's); made when first needed, i.e. on the first error.
    private static final class Strerror { static final MethodHandle H = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT)); }

    private Libc() {}

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.H.invokeExact(errno);
            return s.reinterpret(256).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** A NUL-terminated copy of raw path bytes. */
    static MemorySegment cstr(SegmentAllocator a, byte[] bytes) {
        MemorySegment s = a.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        s.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return s;
    }

    static MemorySegment cstr(SegmentAllocator a, String ascii) {
        return cstr(a, ascii.getBytes(StandardCharsets.UTF_8));
    }

    private static String show(byte[] path) {
        return PathBytes.display(path);
    }

    // ---------------------------------------------------------------- metadata

    /** lstat-like: never follows a final symlink. */
    public static FileStat lstat(byte[] path) throws NativeException {
        return statAt(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW);
    }

    public static FileStat statAt(int dirFd, byte[] path, int flags) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        MemorySegment buf = a.allocate(256, 8);
        long r = Syscall.call(st, Syscall.STATX, dirFd, cstr(a, path).address(), flags, STATX_BASIC_STATS, buf.address());
        if (r != 0) throw new NativeException("stat", show(path), errno(st));
        return decodeStatx(buf);
    }

    public static FileStat fstat(int fd) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        MemorySegment buf = a.allocate(256, 8);
        long r = Syscall.call(st, Syscall.STATX, fd, cstr(a, new byte[0]).address(), AT_EMPTY_PATH, STATX_BASIC_STATS, buf.address());
        if (r != 0) throw new NativeException("fstat", "fd " + fd, errno(st));
        return decodeStatx(buf);
    }

    private static FileStat decodeStatx(MemorySegment b) {
        int nlink = b.get(JAVA_INT, 16);
        int uid = b.get(JAVA_INT, 20);
        int gid = b.get(JAVA_INT, 24);
        int mode = Short.toUnsignedInt(b.get(ValueLayout.JAVA_SHORT, 28));
        long ino = b.get(JAVA_LONG, 32);
        long size = b.get(JAVA_LONG, 40);
        long blocks = b.get(JAVA_LONG, 48);
        long atime = b.get(JAVA_LONG, 64);
        int atimeNs = b.get(JAVA_INT, 72);
        long ctime = b.get(JAVA_LONG, 96);
        int ctimeNs = b.get(JAVA_INT, 104);
        long mtime = b.get(JAVA_LONG, 112);
        int mtimeNs = b.get(JAVA_INT, 120);
        int rdevMajor = b.get(JAVA_INT, 128);
        int rdevMinor = b.get(JAVA_INT, 132);
        long dev = ((long) b.get(JAVA_INT, 136) << 32) | Integer.toUnsignedLong(b.get(JAVA_INT, 140));
        return new FileStat(mode, ino, dev, nlink, uid, gid, size, blocks, mtime, mtimeNs, ctime, ctimeNs,
                atime, atimeNs, rdevMajor, rdevMinor);
    }

    public static byte[] readlink(byte[] path) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        for (long size = 256; ; size *= 4) {
            MemorySegment buf = a.allocate(size);
            long n = Syscall.call(st, Syscall.READLINKAT, AT_FDCWD, cstr(a, path).address(), buf.address(), size);
            if (n < 0) throw new NativeException("readlink", show(path), errno(st));
            if (n < size) return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    // ---------------------------------------------------------------- xattrs

    /** Names of the extended attributes of a path (not following symlinks), each as raw bytes. */
    public static List<byte[]> listXattrs(byte[] path) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        MemorySegment p = cstr(a, path);
        while (true) {
            long size = Syscall.call(st, Syscall.LLISTXATTR, p.address(), 0L, 0L);
            if (size < 0) {
                int e = errno(st);
                if (e == Errno.ENOTSUP) return List.of();
                throw new NativeException("listxattr", show(path), e);
            }
            if (size == 0) return List.of();
            MemorySegment buf = a.allocate(size);
            long n = Syscall.call(st, Syscall.LLISTXATTR, p.address(), buf.address(), size);
            if (n < 0 && errno(st) == Errno.ERANGE) continue; // grew meanwhile
            if (n < 0) throw new NativeException("listxattr", show(path), errno(st));
            return splitNul(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** The value of one extended attribute, or null when it is absent. */
    public static byte[] getXattr(byte[] path, byte[] name) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        MemorySegment p = cstr(a, path);
        MemorySegment n = cstr(a, name);
        while (true) {
            long size = Syscall.call(st, Syscall.LGETXATTR, p.address(), n.address(), 0L, 0L);
            if (size < 0) {
                int e = errno(st);
                if (e == Errno.ENODATA) return null;
                throw new NativeException("getxattr " + new String(name, StandardCharsets.UTF_8), show(path), e);
            }
            MemorySegment buf = a.allocate(Math.max(1, size));
            long got = Syscall.call(st, Syscall.LGETXATTR, p.address(), n.address(), buf.address(), size);
            if (got < 0 && errno(st) == Errno.ERANGE) continue;
            if (got < 0) throw new NativeException("getxattr", show(path), errno(st));
            return buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    public static void setXattr(byte[] path, byte[] name, byte[] value) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        MemorySegment v = a.allocate(Math.max(1, value.length));
        MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
        long r = Syscall.call(st, Syscall.LSETXATTR, cstr(a, path).address(), cstr(a, name).address(), v.address(), value.length, 0);
        if (r != 0) {
            throw new NativeException("setxattr " + new String(name, StandardCharsets.UTF_8), show(path), errno(st));
        }
    }

    public static void removeXattr(byte[] path, byte[] name) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long r = Syscall.call(st, Syscall.LREMOVEXATTR, cstr(a, path).address(), cstr(a, name).address());
        if (r != 0 && errno(st) != Errno.ENODATA) {
            throw new NativeException("removexattr", show(path), errno(st));
        }
    }

    static List<byte[]> splitNul(byte[] list) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i > start) out.add(java.util.Arrays.copyOfRange(list, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- file descriptors

    public static int open(byte[] path, int flags, int mode) throws NativeException {
        return openAt(AT_FDCWD, path, flags, mode);
    }

    public static int openAt(int dirFd, byte[] path, int flags, int mode) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        while (true) {
            int fd = (int) Syscall.call(st, Syscall.OPENAT, dirFd, cstr(a, path).address(), flags | O_CLOEXEC, mode);
            if (fd >= 0) return fd;
            int e = errno(st);
            if (e != Errno.EINTR) throw new NativeException("open", show(path), e);
        }
    }

    public static void close(int fd) {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        Syscall.call(st, Syscall.CLOSE, fd);
    }

    /** read(2) into a native segment; returns 0 at end of file. Retries on EINTR. */
    public static long read(int fd, MemorySegment buf, long max) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        while (true) {
            long n = Syscall.call(st, Syscall.READ, fd, buf.address(), max);
            if (n >= 0) return n;
            int e = errno(st);
            if (e != Errno.EINTR) throw new NativeException("read", "fd " + fd, e);
        }
    }

    public static long pread(int fd, MemorySegment buf, long max, long offset) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        while (true) {
            long n = Syscall.call(st, Syscall.PREAD64, fd, buf.address(), max, offset);
            if (n >= 0) return n;
            int e = errno(st);
            if (e != Errno.EINTR) throw new NativeException("read", "fd " + fd, e);
        }
    }

    /** Writes all of buf[0,len) at offset. */
    public static void pwriteFully(int fd, MemorySegment buf, long len, long offset) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long done = 0;
        while (done < len) {
            long n = Syscall.call(st, Syscall.PWRITE64, fd, buf.address() + done, len - done, offset + done);
            if (n < 0) {
                int e = errno(st);
                if (e == Errno.EINTR) continue;
                throw new NativeException("write", "fd " + fd, e);
            }
            done += n;
        }
    }

    /** lseek(2); for SEEK_DATA/SEEK_HOLE past the last data it returns -1 (ENXIO) instead of throwing. */
    public static long lseek(int fd, long offset, int whence) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long r = Syscall.call(st, Syscall.LSEEK, fd, offset, whence);
        if (r < 0) {
            int e = errno(st);
            if (e == Errno.ENXIO) return -1;
            throw new NativeException("lseek", "fd " + fd, e);
        }
        return r;
    }

    public static void ftruncate(int fd, long size) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long r = Syscall.call(st, Syscall.FTRUNCATE, fd, size);
        if (r != 0) throw new NativeException("truncate", "fd " + fd, errno(st));
    }

    /** getdents64(2) into buf; returns the bytes filled, 0 at the end of the directory. */
    public static long getdents64(int fd, MemorySegment buf) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long n = Syscall.call(st, Syscall.GETDENTS64, fd, buf.address(), buf.byteSize());
        if (n < 0) throw new NativeException("getdents", "fd " + fd, errno(st));
        return n;
    }

    public static void fchmod(int fd, int mode) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long r = Syscall.call(st, Syscall.FCHMOD, fd, mode);
        if (r != 0) throw new NativeException("chmod", "fd " + fd, errno(st));
    }

    public static void fchown(int fd, int uid, int gid) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        long r = Syscall.call(st, Syscall.FCHOWN, fd, uid, gid);
        if (r != 0) throw new NativeException("chown", "fd " + fd, errno(st));
    }

    /** ioctl with a pointer argument (e.g. BLKGETSIZE64). */
    public static int ioctl(int fd, long request, MemorySegment arg) throws NativeException {
        CallScratch a = CallScratch.begin();
        MemorySegment st = a.state();
        int r = (int) Syscall.call(st, Syscall.IOCTL, fd, request, arg.address());
        if (r < 0) throw new NativeException("ioctl", "fd " + fd, errno(st));
        return r;
    }

    // ---------------------------------------------------------------- creating and changing entries (dirFd-relative)

    public static void mkdirAt(int dirFd, byte[] name, int mode) throws NativeException {
        intCall("mkdir", name, a -> Syscall.call(a.st, Syscall.MKDIRAT, dirFd, cstr(a.arena, name).address(), mode));
    }

    public static void symlinkAt(byte[] target, int dirFd, byte[] name) throws NativeException {
        intCall("symlink", name, a -> Syscall.call(a.st, Syscall.SYMLINKAT, cstr(a.arena, target).address(), dirFd,
                cstr(a.arena, name).address()));
    }

    public static void linkAt(int oldDirFd, byte[] oldName, int newDirFd, byte[] newName) throws NativeException {
        intCall("link", newName, a -> Syscall.call(a.st, Syscall.LINKAT, oldDirFd, cstr(a.arena, oldName).address(), newDirFd,
                cstr(a.arena, newName).address(), 0));
    }

    public static void unlinkAt(int dirFd, byte[] name, int flags) throws NativeException {
        intCall("unlink", name, a -> Syscall.call(a.st, Syscall.UNLINKAT, dirFd, cstr(a.arena, name).address(), flags));
    }

    public static void renameAt(int oldDirFd, byte[] oldName, int newDirFd, byte[] newName) throws NativeException {
        intCall("rename", oldName, a -> Syscall.call(a.st, Syscall.RENAMEAT, oldDirFd, cstr(a.arena, oldName).address(), newDirFd,
                cstr(a.arena, newName).address()));
    }

    /** Changes owner without following a final symlink. */
    public static void lchownAt(int dirFd, byte[] name, int uid, int gid) throws NativeException {
        intCall("chown", name, a -> Syscall.call(a.st, Syscall.FCHOWNAT, dirFd, cstr(a.arena, name).address(), uid, gid,
                AT_SYMLINK_NOFOLLOW));
    }

    public static void chmodAt(int dirFd, byte[] name, int mode) throws NativeException {
        intCall("chmod", name, a -> Syscall.call(a.st, Syscall.FCHMODAT, dirFd, cstr(a.arena, name).address(), mode));
    }

    /** Sets mtime (and atime = mtime) without following a final symlink. */
    public static void setTimesAt(int dirFd, byte[] name, long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec)
            throws NativeException {
        intCall("utimensat", name, a -> {
            MemorySegment ts = a.arena.allocate(32, 8);
            ts.set(JAVA_LONG, 0, atimeSec);
            ts.set(JAVA_LONG, 8, atimeNsec);
            ts.set(JAVA_LONG, 16, mtimeSec);
            ts.set(JAVA_LONG, 24, mtimeNsec);
            return Syscall.call(a.st, Syscall.UTIMENSAT, dirFd, cstr(a.arena, name).address(), ts.address(), AT_SYMLINK_NOFOLLOW);
        });
    }

    public static void mknodAt(int dirFd, byte[] name, int mode, int major, int minor) throws NativeException {
        long dev = makedev(major, minor);
        // The kernel takes the device number as 32 bits (what glibc's mknodat checks and passes on).
        if (dev != (dev & 0xffffffffL)) throw new NativeException("mknod", show(name), Errno.EINVAL);
        intCall("mknod", name, a -> Syscall.call(a.st, Syscall.MKNODAT, dirFd, cstr(a.arena, name).address(), mode, dev));
    }

    /** glibc's makedev encoding. */
    public static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
    }

    public static int geteuid() {
        return (int) Syscall.call(CallScratch.begin().state(), Syscall.GETEUID, 0);
    }

    private record CallCtx(SegmentAllocator arena, MemorySegment st) {}

    @FunctionalInterface
    private interface IntCall {
        long call(CallCtx ctx);
    }

    private static void intCall(String what, byte[] subject, IntCall c) throws NativeException {
        CallScratch a = CallScratch.begin();
        CallCtx ctx = new CallCtx(a, a.state());
        long r = c.call(ctx);
        if (r != 0) throw new NativeException(what, show(subject), errno(ctx.st));
    }
}
