package org.mondo.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoImageTest {
    @TempDir
    Path tmp;

    @Test
    void everyFileReadsBackAsWritten() throws Exception {
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        Path archives = Files.createDirectories(staging.resolve("archives"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(archives.resolve(String.format("set-%05d.cpio", i)), "set " + i + "\n".repeat(i * 300));
        }
        Path big = Files.createDirectories(staging.resolve("archives/big"));
        Files.writeString(big.resolve("big-000001.00000.zst"), "slice");
        Files.write(staging.resolve("empty"), new byte[0]);
        byte[] random = new byte[3 * 1024 * 1024 + 123];
        new Random(42).nextBytes(random);
        Files.write(staging.resolve("random.bin"), random);
        Files.writeString(staging.resolve("Mixed.Case.With.Many.Dots.TXT"), "dots");
        Files.writeString(staging.resolve("n".repeat(200) + ".long"), "long name");
        // Deeper than ISO 9660's 8 levels (xorriso does not relocate unless told to).
        Path deep = staging;
        for (int i = 1; i <= 10; i++) {
            deep = Files.createDirectory(deep.resolve("level" + i));
        }
        Files.writeString(deep.resolve("deep.txt"), "deep");

        Path iso = tmp.resolve("t.iso");
        Xorriso.buildIso(staging, iso, "MONDO-20250101_1", List.of());

        try (IsoImage image = IsoImage.open(iso); Stream<Path> walk = Files.walk(staging)) {
            assertEquals("MONDO-20250101_1", image.volumeId());
            int files = 0;
            for (Path p : walk.toList()) {
                String isoPath = "/" + staging.relativize(p).toString();
                IsoFile f = image.find(isoPath).orElseThrow(() -> new AssertionError("missing " + isoPath));
                assertEquals(Files.isDirectory(p), f.isDirectory(), isoPath);
                if (f.isDirectory()) {
                    assertEquals(childNames(p), image.list(isoPath).stream().map(IsoFile::name)
                            .collect(Collectors.toCollection(TreeSet::new)), isoPath);
                } else {
                    assertEquals(p.getFileName().toString(), f.name());
                    assertEquals(isoPath.replace("//", "/"), f.path());
                    assertEquals(Files.size(p), f.size(), isoPath);
                    try (InputStream in = image.open(f)) {
                        assertArrayEquals(Files.readAllBytes(p), in.readAllBytes(), isoPath);
                    }
                    files++;
                }
            }
            assertEquals(11, files);
            assertFalse(image.list("/").stream().anyMatch(f -> f.name().startsWith("level2")));
            assertTrue(image.find("/archives/nope").isEmpty());
            assertTrue(image.find("/empty/below").isEmpty());
            assertThrows(NoSuchFileException.class, () -> image.list("/nope"));
            assertThrows(NotDirectoryException.class, () -> image.list("/empty"));
            assertThrows(IOException.class, () -> image.open(image.root()));
            assertEquals(-1, image.read(image.find("/empty").orElseThrow(), 0, new byte[4], 0, 4));
        }
    }

    /**
     * With relocation on, xorriso moves level 8 to /rr_moved; Rock Ridge CL/RE entries put it back,
     * and rr_moved itself carries RE so that, as under Linux, it does not show.
     */
    @Test
    void relocatedDeepDirectoriesAppearInPlace() throws Exception {
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        Path deep = staging;
        StringBuilder isoPath = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            deep = Files.createDirectory(deep.resolve("level" + i));
            isoPath.append("/level").append(i);
        }
        Files.writeString(deep.resolve("deep.txt"), "deep");
        Path iso = tmp.resolve("t.iso");
        Xorriso.buildIso(staging, iso, "DEEP", List.of("-rr_reloc_dir", "rr_moved"));

        try (IsoImage image = IsoImage.open(iso)) {
            assertEquals(List.of("level1"), image.list("/").stream().map(IsoFile::name).toList());
            assertTrue(image.find("/rr_moved").isEmpty());
            IsoFile level8 = image.find("/level1/level2/level3/level4/level5/level6/level7/level8").orElseThrow();
            assertTrue(level8.isDirectory());
            assertEquals(List.of("level9"), image.list(level8).stream().map(IsoFile::name).toList());
            try (InputStream in = image.open(image.find(isoPath + "/deep.txt").orElseThrow())) {
                assertEquals("deep", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void positionalReadsAreThreadSafe() throws Exception {
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        byte[] random = new byte[3_000_000];
        new Random(7).nextBytes(random);
        Files.write(staging.resolve("data.bin"), random);
        Path iso = tmp.resolve("t.iso");
        Xorriso.buildIso(staging, iso, "T", List.of());

        try (IsoImage image = IsoImage.open(iso); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            IsoFile f = image.find("/data.bin").orElseThrow();
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                jobs.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    byte[] buf = new byte[10_000];
                    for (int i = 0; i < 200; i++) {
                        long offset = r.nextInt(random.length);
                        int n = (int) image.read(f, offset, buf, 0, buf.length);
                        int expected = (int) Math.min(buf.length, random.length - offset);
                        assertEquals(expected, n);
                        assertArrayEquals(Arrays.copyOfRange(random, (int) offset, (int) offset + n),
                                Arrays.copyOf(buf, n));
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
            assertEquals(-1, image.read(f, random.length, new byte[1], 0, 1));
        }
    }

    @Test
    void largeDirectoryListsFully() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("staging/archives"));
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < 2500; i++) {
            String name = String.format("big-%06d.%05d.zst", i / 10, i % 10);
            Files.writeString(dir.resolve(name), name);
            names.add(name);
        }
        Path iso = tmp.resolve("t.iso");
        Xorriso.buildIso(tmp.resolve("staging"), iso, "MANY", List.of());
        try (IsoImage image = IsoImage.open(iso)) {
            long start = System.nanoTime();
            List<IsoFile> listed = image.list("/archives");
            assertEquals(names, listed.stream().map(IsoFile::name).collect(Collectors.toCollection(TreeSet::new)));
            for (IsoFile f : listed) {
                IsoFile found = image.find(f.path()).orElseThrow();
                try (InputStream in = image.open(found)) {
                    assertEquals(f.name(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, "listing and reading 2500 files took " + millis + " ms");
        }
    }

    @Test
    void nonIsoFilesAreRejectedClearly() throws IOException {
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        for (Path p : List.of(Files.write(tmp.resolve("junk.bin"), junk),
                Files.writeString(tmp.resolve("tiny.txt"), "hello"))) {
            IOException e = assertThrows(IOException.class, () -> IsoImage.open(p));
            assertTrue(e.getMessage().contains("not an ISO 9660 image"), e.getMessage());
        }
    }

    /** A hand-made image without Rock Ridge: ISO names, and one file split over two extents. */
    @Test
    void plainIsoNamesAndMultiExtentFiles() throws IOException {
        byte[] img = new byte[24 * 2048];
        int pvd = 16 * 2048;
        img[pvd] = 1;
        ascii(img, pvd + 1, "CD001");
        img[pvd + 6] = 1;
        ascii(img, pvd + 40, "PLAIN                           ");
        both16(img, pvd + 128, 2048);
        record(img, pvd + 156, 18, 2048, 0x02, new byte[] {0});
        int terminator = 17 * 2048;
        img[terminator] = (byte) 255;
        ascii(img, terminator + 1, "CD001");

        int p = 18 * 2048;
        p += record(img, p, 18, 2048, 0x02, new byte[] {0});
        p += record(img, p, 18, 2048, 0x02, new byte[] {1});
        p += record(img, p, 19, 2048, 0x80, "DATA.BIN;1".getBytes(StandardCharsets.US_ASCII));
        p += record(img, p, 21, 100, 0x00, "DATA.BIN;1".getBytes(StandardCharsets.US_ASCII));
        record(img, p, 22, 3, 0x00, "README.;1".getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(img, 19 * 2048, 20 * 2048, (byte) 'a');
        Arrays.fill(img, 21 * 2048, 21 * 2048 + 100, (byte) 'b');
        ascii(img, 22 * 2048, "hi\n");
        Path iso = Files.write(tmp.resolve("plain.iso"), img);

        try (IsoImage image = IsoImage.open(iso)) {
            assertEquals("PLAIN", image.volumeId());
            assertEquals(List.of("DATA.BIN", "README"), image.list("/").stream().map(IsoFile::name).toList());
            IsoFile data = image.find("/DATA.BIN").orElseThrow();
            assertEquals(List.of(new IsoFile.Extent(19, 2048), new IsoFile.Extent(21, 100)), data.extents());
            assertEquals(2148, data.size());
            byte[] expected = ("a".repeat(2048) + "b".repeat(100)).getBytes(StandardCharsets.US_ASCII);
            try (InputStream in = image.open(data)) {
                assertArrayEquals(expected, in.readAllBytes());
            }
            byte[] across = new byte[10];
            assertEquals(10, image.read(data, 2043, across, 0, 10));
            assertEquals("aaaaabbbbb", new String(across, StandardCharsets.US_ASCII));
            assertEquals(5, image.read(data, 2143, across, 0, 10));
            try (InputStream in = image.open(image.find("README").orElseThrow())) {
                assertEquals("hi\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    private static Set<String> childNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(c -> c.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void ascii(byte[] a, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, a, off, b.length);
    }

    private static void both16(byte[] a, int off, int v) {
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >> 8);
        a[off + 2] = (byte) (v >> 8);
        a[off + 3] = (byte) v;
    }

    private static void both32(byte[] a, int off, long v) {
        for (int i = 0; i < 4; i++) {
            a[off + i] = (byte) (v >> (8 * i));
            a[off + 7 - i] = (byte) (v >> (8 * i));
        }
    }

    /** An ISO 9660 directory record; returns its length. */
    private static int record(byte[] a, int off, long lba, long size, int flags, byte[] name) {
        int len = 33 + name.length + (name.length % 2 == 0 ? 1 : 0);
        a[off] = (byte) len;
        both32(a, off + 2, lba);
        both32(a, off + 10, size);
        a[off + 25] = (byte) flags;
        both16(a, off + 28, 1);
        a[off + 32] = (byte) name.length;
        System.arraycopy(name, 0, a, off + 33, name.length);
        return len;
    }
}
