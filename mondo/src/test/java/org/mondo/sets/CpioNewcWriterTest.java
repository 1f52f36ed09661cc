package org.mondo.sets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.read.CpioNewcReader;

class CpioNewcWriterTest {
    @TempDir
    Path tmp;

    static final long T_DIR = 1_600_000_000L;
    static final long T_FILE = 1_500_000_000L;
    static final long T_LINK = 1_400_000_000L;
    static final byte[] ODD_NAME = {'d', 'i', 'r', '/', 'c', 'a', 'f', (byte) 0xe9, '\n', (byte) 0xff};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CpioNewcWriter.Header h(long ino, FileType t, int perm, int nlink, long mtime, long size) {
        return new CpioNewcWriter.Header(ino, t.modeBits | perm, 0, 0, nlink, mtime, size, 0, 0);
    }

    private record Member(byte[] name, CpioNewcWriter.Header h, byte[] data) {}

    private static List<Member> members() {
        byte[] content = new byte[10_001]; // not a multiple of 4: exercises padding
        new Random(1).nextBytes(content);
        byte[] target = b("file.bin");
        List<Member> m = new ArrayList<>();
        m.add(new Member(b("dir"), h(1, FileType.DIRECTORY, 0750, 2, T_DIR, 0), new byte[0]));
        m.add(new Member(b("dir/file.bin"), h(2, FileType.REGULAR, 0640, 1, T_FILE, content.length), content));
        m.add(new Member(b("dir/link"), h(3, FileType.SYMLINK, 0777, 1, T_FILE, target.length), target));
        m.add(new Member(b("dir/fifo"), h(4, FileType.FIFO, 0604, 1, T_FILE, 0), new byte[0]));
        byte[] hard = b("hard link content\n");
        m.add(new Member(b("dir/h1"), h(5, FileType.REGULAR, 0600, 2, T_LINK, hard.length), hard));
        m.add(new Member(b("dir/h2"), h(5, FileType.REGULAR, 0600, 2, T_LINK, 0), new byte[0]));
        m.add(new Member(ODD_NAME, h(6, FileType.REGULAR, 0644, 1, T_FILE, 3), b("odd")));
        m.add(new Member(b("dir/empty"), h(7, FileType.REGULAR, 0644, 1, T_FILE, 0), new byte[0]));
        return m;
    }

    private static byte[] archive(List<Member> ms) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (CpioNewcWriter w = new CpioNewcWriter(bos)) {
            for (Member m : ms) {
                w.add(m.name(), m.h(), m.data(), 0, m.data().length);
                assertEquals(0, w.bytesWritten() % 4, "every member ends 4-aligned");
            }
        }
        return bos.toByteArray();
    }

    private static void run(Path dir, Path stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }

    private static byte[] p(Path x) {
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void gnuCpioExtractsContentModesTimesAndLinks() throws Exception {
        List<Member> ms = members();
        Path cpio = tmp.resolve("set.cpio");
        Files.write(cpio, archive(ms));
        Path out = Files.createDirectory(tmp.resolve("out"));
        run(out, cpio, "cpio", "-idm", "--quiet");

        FileStat dir = Libc.lstat(p(out.resolve("dir")));
        assertEquals(FileType.DIRECTORY, dir.type());
        assertEquals(0750, dir.permissions());
        // (GNU cpio sets a directory's mtime before filling it, so it is not checked here)

        Path file = out.resolve("dir/file.bin");
        assertArrayEquals(ms.get(1).data(), Files.readAllBytes(file));
        FileStat fs = Libc.lstat(p(file));
        assertEquals(0640, fs.permissions());
        assertEquals(T_FILE, fs.mtimeSec());

        assertArrayEquals(b("file.bin"), Libc.readlink(p(out.resolve("dir/link"))));
        assertEquals(FileType.FIFO, Libc.lstat(p(out.resolve("dir/fifo"))).type());
        assertEquals(0604, Libc.lstat(p(out.resolve("dir/fifo"))).permissions());

        FileStat h1 = Libc.lstat(p(out.resolve("dir/h1")));
        FileStat h2 = Libc.lstat(p(out.resolve("dir/h2")));
        assertEquals(h1.ino(), h2.ino(), "GNU cpio links the size-0 member to the one with data");
        assertEquals(2, h1.nlink());
        assertArrayEquals(ms.get(4).data(), Files.readAllBytes(out.resolve("dir/h2")));
        assertEquals(T_LINK, h1.mtimeSec());

        byte[] odd = new byte[out.toString().length() + 1 + ODD_NAME.length];
        System.arraycopy(p(out), 0, odd, 0, out.toString().length());
        odd[out.toString().length()] = '/';
        System.arraycopy(ODD_NAME, 0, odd, out.toString().length() + 1, ODD_NAME.length);
        FileStat os = Libc.lstat(odd);
        assertEquals(3, os.size(), "the non-UTF-8 name is extracted under its exact bytes");

        assertEquals(0, Files.size(out.resolve("dir/empty")));
    }

    @Test
    void gnuCpioListsTheNamesInOrder() throws Exception {
        Path cpio = tmp.resolve("set.cpio");
        Files.write(cpio, archive(members()));
        Path list = tmp.resolve("list");
        ProcessBuilder pb = new ProcessBuilder("cpio", "-it", "--quiet").redirectInput(cpio.toFile())
                .redirectOutput(list.toFile());
        Process pr = pb.start();
        assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, pr.exitValue());
        String text = Files.readString(list, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("dir\ndir/file.bin\ndir/link\ndir/fifo\ndir/h1\ndir/h2\n"), text);
    }

    @Test
    void ourReaderReadsBackEveryMember() throws IOException {
        List<Member> ms = members();
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(archive(ms)));
        for (Member m : ms) {
            CpioNewcReader.Member got = r.next();
            assertArrayEquals(m.name(), got.name());
            assertEquals(m.h().mode(), got.mode());
            assertEquals(m.h().mtime(), got.mtime());
            assertEquals(m.h().nlink(), got.nlink());
            assertEquals(m.h().ino(), got.ino());
            assertEquals(m.data().length, got.size());
            assertArrayEquals(m.data(), r.data().readAllBytes());
        }
        assertNull(r.next(), "the trailer ends the archive");
        assertEquals(0, r.resyncs());
    }

    @Test
    void readerSkipsUnreadDataOfAMember() throws IOException {
        List<Member> ms = members();
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(archive(ms)));
        int n = 0;
        while (r.next() != null) n++; // never reads data()
        assertEquals(ms.size(), n);
        assertEquals(0, r.resyncs());
    }

    @Test
    void deviceNumbersUidsAndGidsSurvive() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (CpioNewcWriter w = new CpioNewcWriter(bos)) {
            w.add(b("dev/sda1"), new CpioNewcWriter.Header(9, FileType.BLOCK_DEVICE.modeBits | 0660, 0, 6, 1,
                    T_FILE, 0, 8, 1), null, 0, 0);
            w.add(b("big-ids"), new CpioNewcWriter.Header(10, FileType.REGULAR.modeBits | 0644,
                    (int) 4_000_000_000L, 65534, 1, T_FILE, 0, 0, 0), null, 0, 0);
        }
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(bos.toByteArray()));
        CpioNewcReader.Member dev = r.next();
        assertEquals(8, dev.rdevMajor());
        assertEquals(1, dev.rdevMinor());
        assertEquals(6, dev.gid());
        CpioNewcReader.Member ids = r.next();
        assertEquals(4_000_000_000L, Integer.toUnsignedLong(ids.uid()));
        assertEquals(65534, ids.gid());
    }

    @Test
    void headerIsExactly110BytesAndNamesAreNulTerminatedAndPadded() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        CpioNewcWriter w = new CpioNewcWriter(bos);
        w.add(b("ab"), h(1, FileType.REGULAR, 0644, 1, 0x5f5e1000L, 5), b("hello"), 0, 5);
        byte[] a = bos.toByteArray();
        // 110 header + "ab\0" = 113 -> padded to 116, + 5 data -> padded to 124
        assertEquals(124, a.length);
        String header = new String(a, 0, 110, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("070701"));
        assertEquals("00000003", header.substring(94, 102), "namesize counts the NUL");
        assertEquals("5f5e1000", header.substring(46, 54), "mtime as 8 hex digits");
        assertEquals('a', a[110]);
        assertEquals(0, a[112]);
        assertEquals('h', a[116]);
    }

    @Test
    void timesOutsideTheFieldAreClamped() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (CpioNewcWriter w = new CpioNewcWriter(bos)) {
            w.add(b("old"), h(1, FileType.REGULAR, 0644, 1, -5, 0), null, 0, 0);
            w.add(b("future"), h(2, FileType.REGULAR, 0644, 1, 1L << 40, 0), null, 0, 0);
        }
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(bos.toByteArray()));
        assertEquals(0, r.next().mtime());
        assertEquals(0xffffffffL, r.next().mtime());
    }

    @Test
    void sizeMustMatchTheData() {
        CpioNewcWriter w = new CpioNewcWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class,
                () -> w.add(b("x"), h(1, FileType.REGULAR, 0644, 1, 0, 10), new byte[5], 0, 5));
    }

    @Test
    void finishIsIdempotentAndEndsWithTheTrailer() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        CpioNewcWriter w = new CpioNewcWriter(bos);
        w.finish();
        int len = bos.size();
        w.finish();
        w.close();
        assertEquals(len, bos.size());
        String s = bos.toString(StandardCharsets.US_ASCII);
        assertTrue(s.contains("TRAILER!!!"));
        assertNull(new CpioNewcReader(new ByteArrayInputStream(bos.toByteArray())).next());
    }
}
