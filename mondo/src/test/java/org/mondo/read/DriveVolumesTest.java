package org.mondo.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;
import org.mondo.catalog.Entry;
import org.mondo.media.IsoImage;
import org.mondo.nativeio.PathBytes;

/**
 * A backup of several volumes read through one drive, as from discs in the boot environment: a
 * make-believe admin puts in the disc each prompt asks for. Every file comes back whole, each
 * disc is asked for a bounded number of times, and a wrong disc is named and waited past.
 */
class DriveVolumesTest {
    @TempDir
    static Path tmp;
    static Path src;
    static List<Path> isos;

    @BeforeAll
    static void backUpOverSeveralVolumes() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        Random r = new Random(42);
        for (int i = 0; i < 48; i++) write(src.resolve("f" + i + ".bin"), r, 200 << 10);
        write(src.resolve("big-a.bin"), r, 5 << 20);
        write(src.resolve("big-b.bin"), r, 6 << 20);
        Path out = Files.createDirectories(tmp.resolve("out"));
        int rc = MondoArchive.execute(new String[] {"-OiW", "-d", out.toString(), "-I", src.toString(), "-T",
                Files.createDirectories(tmp.resolve("t")).toString(), "--log", tmp.resolve("archive.log").toString(),
                "--set-size", "256k", "--slice-size", "1m", "-s", "8m"});
        assertEquals(0, rc, "mondoarchive; log " + tmp.resolve("archive.log"));
        isos = new ArrayList<>();
        for (int n = 1; Files.exists(out.resolve("mondorescue-" + n + ".iso")); n++) isos.add(out.resolve("mondorescue-" + n + ".iso"));
        assertTrue(isos.size() >= 3, "the test wants three volumes at least: " + isos);
    }

    private static void write(Path f, Random r, int size) throws IOException {
        byte[] b = new byte[size];
        r.nextBytes(b);
        Files.write(f, b);
    }

    /** A drive whose disc is changed by someone who reads the prompts (and may first put in a wrong one). */
    static final class Admin implements DriveVolumes.Drive {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        int inDrive = 1;
        int wrongFirst = -1;

        @Override
        public Optional<IsoImage> open() {
            try {
                return Optional.of(IsoImage.open(isos.get(inDrive - 1)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void ask(String request) {
            asked.add(request);
            Matcher m = Pattern.compile("volume (\\d+)").matcher(request);
            int want = request.contains("the last volume") ? isos.size() : m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (wrongFirst > 0) {
                inDrive = wrongFirst;
                wrongFirst = -1;
                pending = want;
            } else {
                inDrive = want;
            }
        }

        int pending = -1;

        @Override
        public void wrongDisc(String what) {
            wrong.add(what);
            inDrive = pending;
        }

        @Override
        public void pause() {}
    }

    @Test
    void everyFileComesBackWithEachDiscAskedForAFewTimes() throws Exception {
        Admin admin = new Admin();
        Map<String, byte[]> got = readAll(admin);
        assertEquals(50, got.size(), "files read: " + got.keySet());
        for (var e : got.entrySet()) {
            assertArrayEquals(sha256(Files.readAllBytes(Path.of(e.getKey()))), e.getValue(), e.getKey());
        }
        // The catalog's disc first (its content is read while it is in), then each other disc once, in order.
        List<String> expected = new ArrayList<>(List.of("the last volume (the catalog is there)"));
        for (int n = 1; n < isos.size(); n++) expected.add("volume " + n);
        assertEquals(expected, admin.asked.stream().map(a -> a.replaceAll("^Insert (.*) of backup .*$", "$1")).toList());
    }

    @Test
    void aWrongDiscIsNamedAndTheRightOneAwaited() throws Exception {
        Admin admin = new Admin();
        admin.wrongFirst = 1; // asked for the last disc, the admin puts the boot disc back first
        Map<String, byte[]> got = readAll(admin);
        assertEquals(50, got.size());
        assertEquals(List.of("the drive holds volume 1 of this backup"), admin.wrong);
    }

    @Test
    void theDriveIsNotAskedWhenTheOtherVolumesAreFiles() throws Exception {
        Admin admin = new Admin();
        Map<String, byte[]> got;
        try (Backup b = Backup.open(isos.subList(1, isos.size()), admin)) {
            got = read(b);
        }
        assertEquals(50, got.size());
        assertEquals(List.of(), admin.asked);
    }

    private static Map<String, byte[]> readAll(Admin admin) throws Exception {
        try (Backup b = Backup.open(List.of(), admin)) {
            assertEquals(isos.size(), b.lastVolume());
            return read(b);
        }
    }

    private static Map<String, byte[]> read(Backup b) throws Exception {
        Map<String, byte[]> got = new ConcurrentHashMap<>();
        List<String> damaged = Collections.synchronizedList(new ArrayList<>());
        ContentReader reader = new ContentReader(b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Parallel.runAll(pool, reader.tasks(e -> true, new ContentReader.Visitor() {
                @Override
                public ContentReader.Completion visit(Entry e, InputStream content) throws IOException {
                    if (content != null) got.put(PathBytes.display(e.path), sha256(content.readAllBytes()));
                    return ContentReader.Completion.NONE;
                }

                @Override
                public void damaged(Entry e, String reason) {
                    damaged.add(PathBytes.display(e.path) + ": " + reason);
                }
            }));
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), damaged);
        return got;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
