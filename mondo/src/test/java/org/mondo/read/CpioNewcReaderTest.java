package org.mondo.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.mondo.nativeio.FileType;
import org.mondo.sets.CpioNewcWriter;

class CpioNewcReaderTest {

    private record Built(byte[] bytes, List<Integer> offsets, List<byte[]> names, List<byte[]> data) {}

    /** Members named m0..m(n-1) with random data (no "0707" in it, so no false magic). */
    private static Built build(int n, Random rnd) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        List<byte[]> datas = new ArrayList<>();
        try (CpioNewcWriter w = new CpioNewcWriter(bos)) {
            for (int i = 0; i < n; i++) {
                offsets.add((int) w.bytesWritten());
                byte[] name = ("dir/m" + i + "x".repeat(rnd.nextInt(6))).getBytes(StandardCharsets.US_ASCII);
                byte[] data = new byte[rnd.nextInt(3000)];
                for (int k = 0; k < data.length; k++) data[k] = (byte) ('a' + rnd.nextInt(26));
                w.add(name, new CpioNewcWriter.Header(i + 1, FileType.REGULAR.modeBits | 0644, 0, 0, 1,
                        1_700_000_000L + i, data.length, 0, 0), data, 0, data.length);
                names.add(name);
                datas.add(data);
            }
        }
        return new Built(bos.toByteArray(), offsets, names, datas);
    }

    private static List<byte[]> readNames(byte[] archive, CpioNewcReader[] out, boolean readData) throws IOException {
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(archive));
        out[0] = r;
        List<byte[]> names = new ArrayList<>();
        for (CpioNewcReader.Member m; (m = r.next()) != null; ) {
            names.add(m.name());
            if (readData) r.data().readAllBytes();
        }
        return names;
    }

    @Test
    void damagedMagicOfTheSecondMemberLosesOnlyThatMember() throws IOException {
        Built b = build(6, new Random(1));
        byte[] a = b.bytes().clone();
        int off = b.offsets().get(1);
        System.arraycopy("XXXXXX".getBytes(StandardCharsets.US_ASCII), 0, a, off, 6);
        CpioNewcReader[] r = new CpioNewcReader[1];
        List<byte[]> names = readNames(a, r, true);
        assertEquals(5, names.size());
        assertArrayEquals(b.names().get(0), names.get(0));
        for (int i = 2; i < 6; i++) assertArrayEquals(b.names().get(i), names.get(i - 1));
        assertTrue(r[0].resyncs() > 0);
    }

    @Test
    void dataAfterAResyncIsIntact() throws IOException {
        Built b = build(4, new Random(2));
        byte[] a = b.bytes().clone();
        a[b.offsets().get(1) + 2] = 'Z';
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(a));
        assertArrayEquals(b.data().get(0), readMember(r, b.names().get(0)));
        assertArrayEquals(b.data().get(2), readMember(r, b.names().get(2)));
        assertArrayEquals(b.data().get(3), readMember(r, b.names().get(3)));
        assertNull(r.next());
    }

    private static byte[] readMember(CpioNewcReader r, byte[] expectName) throws IOException {
        CpioNewcReader.Member m = r.next();
        assertArrayEquals(expectName, m.name());
        return r.data().readAllBytes();
    }

    @Test
    void nonHexFieldInAHeaderIsSkipped() throws IOException {
        Built b = build(4, new Random(3));
        byte[] a = b.bytes().clone();
        a[b.offsets().get(1) + 20] = 'G'; // inside the mode field
        CpioNewcReader[] r = new CpioNewcReader[1];
        List<byte[]> names = readNames(a, r, false);
        assertEquals(3, names.size());
        assertArrayEquals(b.names().get(2), names.get(1));
        assertArrayEquals(b.names().get(3), names.get(2));
    }

    @Test
    void absurdNameSizeIsSkipped() throws IOException {
        Built b = build(3, new Random(4));
        byte[] a = b.bytes().clone();
        System.arraycopy("7fffffff".getBytes(StandardCharsets.US_ASCII), 0, a, b.offsets().get(1) + 94, 8);
        CpioNewcReader[] r = new CpioNewcReader[1];
        List<byte[]> names = readNames(a, r, false);
        assertEquals(2, names.size());
        assertArrayEquals(b.names().get(2), names.get(1));
    }

    @RepeatedTest(20)
    void anyDamagedMagicLosesOnlyItsMember(RepetitionInfo info) throws IOException {
        Random rnd = new Random(1000 + info.getCurrentRepetition());
        int n = 3 + rnd.nextInt(10);
        Built b = build(n, rnd);
        int victim = rnd.nextInt(n);
        byte[] a = b.bytes().clone();
        a[b.offsets().get(victim) + rnd.nextInt(6)] ^= 0x40;
        CpioNewcReader[] r = new CpioNewcReader[1];
        List<byte[]> names = readNames(a, r, rnd.nextBoolean());
        List<byte[]> want = new ArrayList<>(b.names());
        want.remove(victim);
        assertEquals(want.size(), names.size(), "victim " + victim + " of " + n);
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), names.get(i));
    }

    @Test
    void truncatedArchiveEndsQuietlyOrWithEofInData() throws IOException {
        Built b = build(3, new Random(5));
        // cut inside the second header: next() returns null
        byte[] cutHeader = Arrays.copyOf(b.bytes(), b.offsets().get(1) + 50);
        CpioNewcReader r = new CpioNewcReader(new ByteArrayInputStream(cutHeader));
        r.next();
        r.data().readAllBytes();
        assertNull(r.next());
        // cut inside the data of a member: reading it says so
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (CpioNewcWriter w = new CpioNewcWriter(bos)) {
            w.add("big".getBytes(StandardCharsets.US_ASCII), new CpioNewcWriter.Header(1,
                    FileType.REGULAR.modeBits | 0644, 0, 0, 1, 0, 1000, 0, 0), new byte[1000], 0, 1000);
        }
        byte[] cutData = Arrays.copyOf(bos.toByteArray(), 110 + 4 + 500);
        CpioNewcReader r2 = new CpioNewcReader(new ByteArrayInputStream(cutData));
        assertEquals(1000, r2.next().size());
        assertThrows(EOFException.class, () -> r2.data().readAllBytes());
    }

    @Test
    void emptyInputHasNoMembers() throws IOException {
        assertNull(new CpioNewcReader(new ByteArrayInputStream(new byte[0])).next());
    }
}
