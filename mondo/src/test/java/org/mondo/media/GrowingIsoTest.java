package org.mondo.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.tools.CommandRunner;
import org.mondo.tools.ToolException;

/** An image written in sessions reads as one image holding every file, within the size bound, and frees the staged files as it goes. */
class GrowingIsoTest {
    @TempDir
    Path tmp;

    @Test
    void sessionsMakeOneImageWithEveryFileWithinTheOverheadBound() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("staging/archives"));
        Random random = new Random(7);
        List<byte[]> contents = new ArrayList<>();
        long data = 0;
        int files = 300;
        for (int i = 0; i < files; i++) {
            byte[] b = new byte[random.nextInt(20_000)];
            random.nextBytes(b);
            contents.add(b);
            Files.write(src.resolve(String.format("set-%05d.cpio", i)), b);
            data += (b.length + 2047) / 2048 * 2048L;
        }
        Path iso = tmp.resolve("out.iso");
        Files.createFile(iso);
        long sessionsOverhead = 0;
        try (GrowingIso image = GrowingIso.start(tmp.resolve("staging"), iso, "GROWING_1")) {
            for (int i = 0; i < files; i++) {
                image.add(String.format("archives/set-%05d.cpio", i));
                if (i % 30 == 29) {
                    image.commit();
                    sessionsOverhead += Xorriso.sessionOverheadBytes(i + 1, 2);
                }
                if (i == 29) awaitGone(src.resolve("set-00029.cpio")); // while xorriso still runs
            }
            assertEquals(10, image.sessions());
            image.finish();
        }
        try (var left = Files.list(src)) {
            assertEquals(List.of(), left.toList(), "every file written into the image is removed from the staging directory");
        }
        long overhead = Files.size(iso) - data;
        long bound = sessionsOverhead + Xorriso.estimateOverheadBytes(files, 2);
        System.out.printf("growing image: %d sessions of 30 files, overhead %d, bound %d%n", 11, overhead, bound);
        assertTrue(overhead <= bound, "overhead " + overhead + " > bound " + bound);

        try (IsoImage img = IsoImage.open(iso)) {
            assertEquals("GROWING_1", img.volumeId());
            List<IsoFile> listed = img.list("/archives");
            assertEquals(files, listed.size(), "the newest tree holds the files of every session");
            for (int i = 0; i < files; i += 37) {
                IsoFile f = img.find(String.format("/archives/set-%05d.cpio", i)).orElseThrow();
                assertArrayEquals(contents.get(i), img.open(f).readAllBytes());
            }
        }
        // Like mkisofs -r: owner root, readable by all, not writable.
        String ls = CommandRunner.check(List.of("xorriso", "-indev", iso.toString(), "-lsdl",
                "/archives/set-00000.cpio", "/archives")).output();
        assertTrue(ls.contains("-r--r--r--    1 0        0"), ls);
        assertTrue(ls.contains("dr-xr-xr-x"), ls);
    }

    private static void awaitGone(Path file) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, file + " is still there a minute after its session was committed");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aSessionThatCannotBeWrittenFailsWithXorrisosReason() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("staging"));
        Files.writeString(src.resolve("a"), "a");
        Path iso = tmp.resolve("out.iso");
        Files.createFile(iso);
        try (GrowingIso image = GrowingIso.start(src, iso, "FAILING")) {
            image.add("missing-file");
            ToolException e = assertThrows(ToolException.class, () -> {
                image.commit();
                image.add("a");
                image.finish();
            });
            assertTrue(e.getMessage().startsWith("xorriso"), e.getMessage());
            assertTrue(e.getMessage().contains("missing-file"), e.getMessage());
        }
    }

    @Test
    void namesThatTheDialogWouldSplitAreRefused() throws IOException {
        Path iso = tmp.resolve("out.iso");
        Files.createFile(iso);
        try (GrowingIso image = GrowingIso.start(tmp, iso, "NAMES")) {
            assertThrows(IllegalArgumentException.class, () -> image.add("a b"));
            assertThrows(IllegalArgumentException.class, () -> image.add("/abs"));
            assertThrows(IllegalArgumentException.class, () -> image.add("it's"));
        }
    }
}
