package org.mondo.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibcTest {
    @TempDir
    Path tmp;

    private static byte[] p(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sh(String... cmd) throws Exception {
        Process pr = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(pr.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, pr.exitValue(), String.join(" ", cmd));
    }

    @Test
    void lstatOfRegularFile() throws Exception {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[1234]);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(f, FileTime.from(1_600_000_000_123_456_789L, TimeUnit.NANOSECONDS));
        FileStat st = Libc.lstat(p(f));
        assertEquals(FileType.REGULAR, st.type());
        assertTrue(st.isRegular());
        assertEquals(1234, st.size());
        assertEquals(0640, st.permissions());
        assertEquals(1, st.nlink());
        assertEquals(1_600_000_000L, st.mtimeSec());
        assertEquals(123_456_789, st.mtimeNsec());
        assertEquals(Files.getAttribute(f, "unix:ino"), st.ino());
        assertEquals(((Number) Files.getAttribute(f, "unix:uid")).intValue(), st.uid());
        assertEquals(((Number) Files.getAttribute(f, "unix:gid")).intValue(), st.gid());
    }

    @Test
    void lstatOfDirectorySymlinkAndFifo() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("d"));
        FileStat ds = Libc.lstat(p(d));
        assertEquals(FileType.DIRECTORY, ds.type());
        assertTrue(ds.isDirectory());

        Path l = tmp.resolve("l");
        Files.createSymbolicLink(l, Path.of("d"));
        FileStat ls = Libc.lstat(p(l));
        assertEquals(FileType.SYMLINK, ls.type(), "lstat must not follow the link");
        assertTrue(ls.isSymlink());
        assertEquals(1, ls.size(), "a symlink's size is the length of its target");
        assertEquals(0777, ls.permissions());

        Path fifo = tmp.resolve("fifo");
        sh("mkfifo", "-m", "600", fifo.toString());
        FileStat fs = Libc.lstat(p(fifo));
        assertEquals(FileType.FIFO, fs.type());
        assertEquals(0600, fs.permissions());
        assertFalse(fs.isRegular());
    }

    @Test
    void statAtFollowsWhenAsked() throws Exception {
        Files.write(tmp.resolve("target"), new byte[7]);
        Files.createSymbolicLink(tmp.resolve("ln"), Path.of("target"));
        FileStat followed = Libc.statAt(Libc.AT_FDCWD, p(tmp.resolve("ln")), 0);
        assertEquals(FileType.REGULAR, followed.type());
        assertEquals(7, followed.size());
    }

    @Test
    void mknodCharDeviceAsRoot() throws Exception {
        assumeTrue(Libc.geteuid() == 0, "needs root");
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            Libc.mknodAt(dir, "null2".getBytes(), FileType.CHAR_DEVICE.modeBits | 0620, 1, 3);
            // a large minor and major exercise the high bits of makedev
            Libc.mknodAt(dir, "big".getBytes(), FileType.BLOCK_DEVICE.modeBits | 0600, 259, 300);
        } finally {
            Libc.close(dir);
        }
        FileStat st = Libc.lstat(p(tmp.resolve("null2")));
        assertEquals(FileType.CHAR_DEVICE, st.type());
        assertEquals(1, st.rdevMajor());
        assertEquals(3, st.rdevMinor());
        assertEquals(0620 & ~umask(), st.permissions());
        FileStat big = Libc.lstat(p(tmp.resolve("big")));
        assertEquals(FileType.BLOCK_DEVICE, big.type());
        assertEquals(259, big.rdevMajor());
        assertEquals(300, big.rdevMinor());
    }

    private static int umask() throws Exception {
        Process pr = new ProcessBuilder("sh", "-c", "umask").start();
        String s = new String(pr.getInputStream().readAllBytes()).trim();
        pr.waitFor();
        return Integer.parseInt(s, 8);
    }

    @Test
    void makedevMatchesGlibc() {
        assertEquals(0x0103L, Libc.makedev(1, 3));
        assertEquals((259L << 8) | 0xffL | (0x1234500L << 12), Libc.makedev(259, 0x12345ff));
        // major 0x12345 -> low 12 bits at 8..19, the rest at 44..
        long dev = Libc.makedev(0x12345, 0);
        assertEquals(0x345L << 8 | (0x12000L << 32), dev);
    }

    @Test
    void xattrSetGetListRemove() throws Exception {
        Path f = tmp.resolve("x");
        Files.writeString(f, "data");
        byte[] path = p(f);
        byte[] name = "user.mondo.test".getBytes();
        byte[] value = new byte[300];
        new Random(3).nextBytes(value);
        try {
            Libc.setXattr(path, name, value);
        } catch (NativeException e) {
            assumeTrue(e.errno() != Errno.ENOTSUP, "no user xattrs on this file system");
            throw e;
        }
        Libc.setXattr(path, "user.empty".getBytes(), new byte[0]);
        assertArrayEquals(value, Libc.getXattr(path, name));
        assertArrayEquals(new byte[0], Libc.getXattr(path, "user.empty".getBytes()));
        assertNull(Libc.getXattr(path, "user.absent".getBytes()));

        List<String> names = Libc.listXattrs(path).stream().map(String::new).toList();
        assertTrue(names.contains("user.mondo.test"), names.toString());
        assertTrue(names.contains("user.empty"), names.toString());

        Libc.removeXattr(path, name);
        assertNull(Libc.getXattr(path, name));
        assertFalse(Libc.listXattrs(path).stream().map(String::new).toList().contains("user.mondo.test"));
        Libc.removeXattr(path, name); // absent already: no error
    }

    @Test
    void bigXattrValue() throws Exception {
        Path f = tmp.resolve("bigx");
        Files.writeString(f, "");
        byte[] value = new byte[3000];
        new Random(4).nextBytes(value);
        try {
            Libc.setXattr(p(f), "user.big".getBytes(), value);
        } catch (NativeException e) {
            assumeTrue(e.errno() != Errno.ENOTSUP && e.errno() != Errno.ENOSPC, "xattr too large here");
            throw e;
        }
        assertArrayEquals(value, Libc.getXattr(p(f), "user.big".getBytes()));
    }

    @Test
    void xattrOnMissingFileFails() {
        NativeException e = assertThrows(NativeException.class,
                () -> Libc.getXattr(p(tmp.resolve("nope")), "user.a".getBytes()));
        assertTrue(e.isNotFound());
    }

    @Test
    void readlinkReturnsRawTargetBytes() throws Exception {
        Path l = tmp.resolve("l");
        Files.createSymbolicLink(l, Path.of("../some/where"));
        assertArrayEquals("../some/where".getBytes(), Libc.readlink(p(l)));

        // a target longer than the first 256-byte buffer
        String longTarget = "x/".repeat(700) + "end";
        Path l2 = tmp.resolve("l2");
        Files.createSymbolicLink(l2, Path.of(longTarget));
        assertArrayEquals(longTarget.getBytes(), Libc.readlink(p(l2)));

        // exactly 256 bytes: the boundary of the first buffer
        String t256 = "y".repeat(256);
        Path l3 = tmp.resolve("l3");
        Files.createSymbolicLink(l3, Path.of(t256));
        assertArrayEquals(t256.getBytes(), Libc.readlink(p(l3)));

        // non-UTF-8 target, made through Libc itself
        byte[] odd = {'a', (byte) 0xff, 'b'};
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            Libc.symlinkAt(odd, dir, "l4".getBytes());
        } finally {
            Libc.close(dir);
        }
        assertArrayEquals(odd, Libc.readlink(p(tmp.resolve("l4"))));

        NativeException e = assertThrows(NativeException.class, () -> Libc.readlink(p(tmp)));
        assertEquals(Errno.EINVAL, e.errno(), "readlink of a directory");
    }

    @Test
    void openAtPreadAndPwriteFully() throws Exception {
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        int fd;
        try {
            fd = Libc.openAt(dir, "data".getBytes(), Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL, 0640);
            NativeException again = assertThrows(NativeException.class,
                    () -> Libc.openAt(dir, "data".getBytes(), Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL, 0640));
            assertEquals(Errno.EEXIST, again.errno());
        } finally {
            Libc.close(dir);
        }
        byte[] content = new byte[200_000];
        new Random(5).nextBytes(content);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(content.length);
            MemorySegment.copy(content, 0, buf, ValueLayout.JAVA_BYTE, 0, content.length);
            Libc.pwriteFully(fd, buf, content.length, 1000);
            assertEquals(1000 + content.length, Libc.fstat(fd).size());

            MemorySegment back = a.allocate(5000);
            long n = Libc.pread(fd, back, 5000, 1000 + 50_000);
            assertEquals(5000, n);
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 50_000, 55_000), back.toArray(ValueLayout.JAVA_BYTE));

            // the first 1000 bytes are a zero-filled gap
            long z = Libc.pread(fd, back, 1000, 0);
            assertEquals(1000, z);
            for (int i = 0; i < 1000; i++) assertEquals(0, back.get(ValueLayout.JAVA_BYTE, i));

            // short read at the end, then 0 past it
            assertEquals(10, Libc.pread(fd, back, 5000, 1000 + content.length - 10));
            assertEquals(0, Libc.pread(fd, back, 5000, 1000 + content.length + 5));
        } finally {
            Libc.close(fd);
        }
        byte[] onDisk = Files.readAllBytes(tmp.resolve("data"));
        assertArrayEquals(content, java.util.Arrays.copyOfRange(onDisk, 1000, onDisk.length));
        assertEquals(0640 & ~umask(), Libc.lstat(p(tmp.resolve("data"))).permissions());
    }

    @Test
    void seekDataAndHoleOnSparseFile() throws Exception {
        Path f = tmp.resolve("sparse");
        long mib = 1 << 20;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(16 * mib);
            raf.seek(8 * mib);
            raf.write(new byte[4096 * 4]);
            raf.seek(8 * mib);
            raf.write(1); // data at 8 MiB
        }
        int fd = Libc.open(p(f), Libc.O_RDONLY, 0);
        try {
            long data = Libc.lseek(fd, 0, Libc.SEEK_DATA);
            assumeTrue(data != 0, "file system does not report holes");
            assertTrue(data <= 8 * mib && data > 0, "first data at " + data);
            long hole = Libc.lseek(fd, data, Libc.SEEK_HOLE);
            assertTrue(hole > 8 * mib && hole < 16 * mib, "hole after data at " + hole);
            assertEquals(0, Libc.lseek(fd, 0, Libc.SEEK_HOLE), "the file starts with a hole");
            assertEquals(-1, Libc.lseek(fd, hole, Libc.SEEK_DATA), "no data after the last extent: -1 (ENXIO)");
            assertEquals(-1, Libc.lseek(fd, 17 * mib, Libc.SEEK_HOLE), "past end: -1 (ENXIO)");
            assertEquals(12 * mib, Libc.lseek(fd, 12 * mib, Libc.SEEK_HOLE),
                    "inside the trailing hole SEEK_HOLE returns the offset itself");
            FileStat st = Libc.fstat(fd);
            assertTrue(st.looksSparse(), "blocks " + st.blocks() + " size " + st.size());
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void setTimesWithNanosecondsOnSymlinkDoesNotTouchTarget() throws Exception {
        Path target = tmp.resolve("target");
        Files.writeString(target, "t");
        FileTime targetBefore = Files.getLastModifiedTime(target);
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("target"));
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            Libc.setTimesAt(dir, "link".getBytes(), 1_500_000_000L, 111_222_333, 1_234_567_890L, 987_654_321);
        } finally {
            Libc.close(dir);
        }
        FileStat ls = Libc.lstat(p(tmp.resolve("link")));
        assertEquals(1_234_567_890L, ls.mtimeSec());
        assertEquals(987_654_321, ls.mtimeNsec());
        assertEquals(1_500_000_000L, ls.atimeSec());
        assertEquals(111_222_333, ls.atimeNsec());
        assertEquals(targetBefore, Files.getLastModifiedTime(target), "the target is left alone");
    }

    @Test
    void setTimesBeforeEpoch() throws Exception {
        Files.writeString(tmp.resolve("old"), "");
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            Libc.setTimesAt(dir, "old".getBytes(), -86_400L, 5, -86_400L, 5);
        } finally {
            Libc.close(dir);
        }
        FileStat st = Libc.lstat(p(tmp.resolve("old")));
        assertEquals(-86_400L, st.mtimeSec());
        assertEquals(5, st.mtimeNsec());
    }

    @Test
    void errnoTextOnMissingFile() {
        NativeException e = assertThrows(NativeException.class, () -> Libc.lstat(p(tmp.resolve("missing"))));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.isNotFound());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());

        NativeException o = assertThrows(NativeException.class,
                () -> Libc.open(p(tmp.resolve("missing")), Libc.O_RDONLY, 0));
        assertTrue(o.getMessage().endsWith(": No such file or directory"), o.getMessage());

        Path file = tmp.resolve("plain");
        NativeException nd = assertThrows(NativeException.class, () -> {
            Files.writeString(file, "");
            Libc.lstat(p(file.resolve("below")));
        });
        assertEquals(Errno.ENOTDIR, nd.errno());
        assertTrue(nd.isNotFound());
    }

    @Test
    void namesWithNewlineAndInvalidUtf8InMessagesAreEscaped() {
        byte[] odd = (tmp + "/a\nb\u0001").getBytes(StandardCharsets.UTF_8);
        NativeException e = assertThrows(NativeException.class, () -> Libc.lstat(odd));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("a\\nb\\x01"), e.getMessage());
    }

    @Test
    void linkRenameUnlinkMkdirChmod() throws Exception {
        Files.writeString(tmp.resolve("a"), "hello");
        int dir = Libc.open(p(tmp), Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        try {
            Libc.linkAt(dir, "a".getBytes(), dir, "b".getBytes());
            assertEquals(2, Libc.lstat(p(tmp.resolve("a"))).nlink());
            assertEquals(Libc.lstat(p(tmp.resolve("a"))).ino(), Libc.lstat(p(tmp.resolve("b"))).ino());
            Libc.renameAt(dir, "b".getBytes(), dir, "c".getBytes());
            assertFalse(Files.exists(tmp.resolve("b")));
            Libc.unlinkAt(dir, "c".getBytes(), 0);
            assertEquals(1, Libc.lstat(p(tmp.resolve("a"))).nlink());
            Libc.mkdirAt(dir, "sub".getBytes(), 0700);
            Libc.chmodAt(dir, "sub".getBytes(), 01755);
            assertEquals(01755, Libc.lstat(p(tmp.resolve("sub"))).permissions());
            Libc.unlinkAt(dir, "sub".getBytes(), Libc.AT_REMOVEDIR);
            assertFalse(Files.exists(tmp.resolve("sub")));
            NativeException e = assertThrows(NativeException.class, () -> Libc.unlinkAt(dir, "sub".getBytes(), 0));
            assertEquals(Errno.ENOENT, e.errno());
        } finally {
            Libc.close(dir);
        }
    }
}
