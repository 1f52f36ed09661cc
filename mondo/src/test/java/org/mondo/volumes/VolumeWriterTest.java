package org.mondo.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.sets.Piece;

/**
 * Volume 1's boot files are made beside the archiving: pieces go onto volume 1 while they are
 * made, the volume is not closed before they are there, and their failure stops the backup.
 */
class VolumeWriterTest {
    @TempDir
    Path tmp;

    /** Boot files that are made only when the test says so. */
    static final class SlowBoot implements VolumeWriter.BootFiles {
        final CountDownLatch go = new CountDownLatch(1);
        volatile boolean made;
        IOException failure;

        @Override
        public long prepare(Path staging) throws IOException {
            try {
                go.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (failure != null) throw failure;
            Files.createDirectories(staging.resolve("boot"));
            Files.write(staging.resolve("boot/kernel"), new byte[4096]);
            made = true;
            return 4096;
        }

        @Override
        public List<String> xorrisoArgs() {
            return List.of();
        }
    }

    private Piece piece(int set) throws IOException {
        Path f = tmp.resolve("piece-" + set);
        Files.write(f, new byte[10_000]);
        return new Piece.SetPiece(set, List.of(new Piece.NamedFile("set-" + set + ".cpio", f, 10_000)), List.of());
    }

    private VolumeWriter writer(SlowBoot boot) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        return new VolumeWriter(new VolumeNaming(out, "t", "0123abcd-test"), VolumeSizes.parse("4g"), Files.createDirectories(tmp.resolve("staging")),
                VolumeWriter.MetadataReserve.fixed(0), (staging, volume, last) -> {}, VolumeWriter.Hooks.NONE, boot);
    }

    @Test
    void piecesGoOntoVolumeOneWhileTheBootFilesAreMadeAndTheVolumeWaitsForThem() throws Exception {
        SlowBoot boot = new SlowBoot();
        VolumeWriter w = writer(boot);
        for (int i = 1; i <= 3; i++) w.add(piece(i)); // does not wait: far from full
        assertTrue(!boot.made, "the boot files are not made yet");
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // the latch goes anyway
            }
            boot.go.countDown();
        });
        release.start();
        w.finish(); // waits for the boot files, then makes the image
        assertTrue(boot.made);
        assertEquals(List.of(tmp.resolve("out/t-1.iso")), w.written());
    }

    @Test
    void aFailureOfTheBootFilesStopsTheBackup() throws Exception {
        SlowBoot boot = new SlowBoot();
        boot.failure = new IOException("mindi could not make the boot environment: no kernel");
        VolumeWriter w = writer(boot);
        boot.go.countDown();
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 1; i <= 100; i++) {
                w.add(piece(i));
                Thread.sleep(20);
            }
            w.finish();
        });
        assertTrue(e.getMessage().contains("no kernel"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("out/t-1.iso")), "no volume that looks complete");
    }

    /** A piece of {@code mib} MiB of zeros (sparse: cheap to make, read back as zeros). */
    private Piece bigPiece(int set, int mib) throws IOException {
        Path f = tmp.resolve("piece-" + set);
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength((long) mib << 20);
        }
        return new Piece.SetPiece(set, List.of(new Piece.NamedFile("set-" + set + ".cpio", f, (long) mib << 20)), List.of());
    }

    private static int sessions(Path iso) throws IOException {
        String toc = org.mondo.tools.CommandRunner.check(List.of("xorriso", "-indev", iso.toString(), "-toc")).output();
        return (int) toc.lines().filter(l -> l.startsWith("ISO session")).count();
    }

    @Test
    void volumesWithoutBootFilesAreWrittenInSessionsAsTheyFillAndStayWithinTheirSize() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        VolumeWriter w = new VolumeWriter(new VolumeNaming(out, "g", "0123abcd-grow"), VolumeSizes.parse("150m"),
                Files.createDirectories(tmp.resolve("staging")), VolumeWriter.MetadataReserve.fixed(1 << 20),
                (staging, volume, last) -> Files.writeString(Files.createDirectories(staging.resolve("archives"))
                        .resolve("THIS-CD-NUMBER"), volume + "\n"), VolumeWriter.Hooks.NONE, VolumeWriter.BootFiles.NONE);
        for (int i = 1; i <= 8; i++) w.add(bigPiece(i, 30));
        w.finish();
        assertEquals(List.of(out.resolve("g-1.iso"), out.resolve("g-2.iso")), w.written());
        int[] setsPerVolume = new int[2];
        for (int v = 1; v <= 2; v++) {
            Path iso = out.resolve("g-" + v + ".iso");
            assertTrue(Files.size(iso) <= 150L << 20, iso + " is " + Files.size(iso) + " bytes");
            assertTrue(sessions(iso) > 1, iso + " was written in sessions");
            try (org.mondo.media.IsoImage img = org.mondo.media.IsoImage.open(iso)) {
                assertEquals(String.valueOf(v), img.text(img.find("/archives/THIS-CD-NUMBER").orElseThrow()).strip());
                for (var f : img.list("/archives")) {
                    if (f.name().endsWith(".cpio")) {
                        setsPerVolume[v - 1]++;
                        assertEquals(30L << 20, f.size());
                    }
                }
            }
        }
        assertEquals(8, setsPerVolume[0] + setsPerVolume[1], "every piece on one of the volumes");
    }

    @Test
    void anAbortedVolumeLeavesNoImageThatLooksComplete() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        VolumeWriter w = new VolumeWriter(new VolumeNaming(out, "a", "0123abcd-abort"), VolumeSizes.parse("1g"),
                Files.createDirectories(tmp.resolve("staging")), VolumeWriter.MetadataReserve.fixed(0), (staging, volume, last) -> {},
                VolumeWriter.Hooks.NONE, VolumeWriter.BootFiles.NONE);
        for (int i = 1; i <= 3; i++) w.add(bigPiece(i, 30)); // one session written meanwhile
        w.abort();
        assertTrue(!Files.exists(out.resolve("a-1.iso")), "no volume under its final name");
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "nor a partial one");
        }
    }

    @Test
    void theReserveIsMeasuredOnlyWhenAVolumeNearsFullAndThenLetsMoreOnIt() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        int[] measured = {0};
        VolumeWriter.MetadataReserve reserve = new VolumeWriter.MetadataReserve() {
            public long bound() {
                return 100L << 20;
            }

            public long measure() {
                measured[0]++;
                return 1L << 20;
            }
        };
        VolumeWriter w = new VolumeWriter(new VolumeNaming(out, "r", "0123abcd-rsv"), VolumeSizes.parse("150m"),
                Files.createDirectories(tmp.resolve("staging")), reserve, (staging, volume, last) -> {},
                VolumeWriter.Hooks.NONE, VolumeWriter.BootFiles.NONE);
        w.add(bigPiece(1, 30));
        assertEquals(0, measured[0], "30 MiB is far below 150 MiB less the 100 MiB bound");
        for (int i = 2; i <= 4; i++) w.add(bigPiece(i, 30)); // 60 MiB passes the bound: measured, then all fit
        assertEquals(1, measured[0]);
        w.add(bigPiece(5, 30)); // 150 MiB: the next volume
        w.finish();
        assertEquals(1, measured[0], "measured once for the whole backup");
        assertEquals(List.of(out.resolve("r-1.iso"), out.resolve("r-2.iso")), w.written());
        try (org.mondo.media.IsoImage img = org.mondo.media.IsoImage.open(out.resolve("r-1.iso"))) {
            assertEquals(4, img.list("/archives").stream().filter(f -> f.name().endsWith(".cpio")).count());
        }
    }
}
