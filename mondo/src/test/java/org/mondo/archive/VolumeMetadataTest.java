package org.mondo.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.catalog.CatalogFormat;
import org.mondo.catalog.Entry;
import org.mondo.codec.Codec;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.PathBytes;
import org.mondo.sets.Problems;
import org.mondo.tools.CommandRunner;
import org.mondo.volumes.VolumeFiles;
import org.mondo.volumes.VolumeSizes;

/** The catalog is gzipped in two members side by side; every reader must see one whole catalog. */
class VolumeMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void theCatalogInTwoGzipMembersReadsWholeWithJavaAndWithZcat() throws Exception {
        List<Entry> catalog = new ArrayList<>();
        catalog.add(new Entry(PathBytes.of("/"), FileType.DIRECTORY));
        for (int i = 0; i < 1001; i++) {
            Entry e = new Entry(PathBytes.of("/data/file-" + i), FileType.REGULAR);
            e.mode = 0644;
            e.size = i;
            catalog.add(e);
        }
        VolumeMetadata meta = new VolumeMetadata(options(), "0123abcd-meta", catalog, tmp, new Problems(), 1 << 20);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        meta.write(staging, 1, true);
        Path gz = staging.resolve(VolumeFiles.DIR).resolve(VolumeFiles.CATALOG);

        List<Entry> read;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gz)))) {
            read = CatalogFormat.read(in);
        }
        assertEquals(catalog.size(), read.size());
        assertEquals("/data/file-1000", PathBytes.display(read.getLast().path));

        String text = CommandRunner.check(List.of("zcat", gz.toString())).output();
        List<String> lines = text.lines().toList();
        assertEquals(CatalogFormat.MAGIC, lines.get(0));
        assertEquals(catalog.size() + 2, lines.size(), "two header lines, then one line an entry");
        assertTrue(lines.get(lines.size() / 2 + 1).startsWith("/data/file-"), "no header between the members");
    }

    @Test
    void theReserveBoundsWhatTheMetadataTakesOnceChecksumsAndLocationsAreIn() throws Exception {
        java.util.Random random = new java.util.Random(7);
        List<Entry> catalog = new ArrayList<>();
        catalog.add(new Entry(PathBytes.of("/"), FileType.DIRECTORY));
        for (int i = 0; i < 3000; i++) {
            byte[] name = new byte[1 + random.nextInt(60)]; // random bytes: escapes, invalid UTF-8, no compression
            random.nextBytes(name);
            for (int k = 0; k < name.length; k++) if (name[k] == '/' || name[k] == 0) name[k] = 'x';
            Entry e = new Entry(PathBytes.join(PathBytes.of("/d"), name), i % 10 == 0 ? FileType.SYMLINK : FileType.REGULAR);
            e.mode = 0644;
            e.size = random.nextLong(1L << 40);
            e.user = "u" + random.nextInt();
            if (e.type == FileType.SYMLINK) e.link = name;
            catalog.add(e);
        }
        VolumeMetadata meta = new VolumeMetadata(options(), "0123abcd-rsv", catalog, tmp, new Problems(), 1 << 20);
        long bound = meta.bound();
        long measured = meta.measure();
        for (Entry e : catalog) { // what the workers and the volume writer fill in later
            if (!e.hasContent()) continue;
            e.sha256 = new byte[32];
            random.nextBytes(e.sha256);
            e.big = Integer.MAX_VALUE;
            e.slices = Integer.MAX_VALUE;
            e.firstVolume = 9998;
            e.lastVolume = 9999;
        }
        Path staging = Files.createDirectories(tmp.resolve("final"));
        meta.write(staging, 2, false);
        long written;
        try (var files = Files.walk(staging)) {
            written = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(written <= measured, written + " bytes written, " + measured + " measured");
        assertTrue(measured <= bound, measured + " bytes measured, " + bound + " bound");
        assertTrue(bound < 8 * measured, "the bound stays within reach: " + bound + " against " + measured);
    }

    private BackupOptions options() {
        return new BackupOptions(true, false, tmp, VolumeSizes.parse("4g"), "t", tmp, tmp, false,
                List.of(PathBytes.of("/")), List.of(), false, true, Codec.ZSTD, 3, 2, null, null, tmp.resolve("log"),
                BackupOptions.DEFAULT_SET_BYTES, BackupOptions.DEFAULT_SLICE_BYTES, "mondoarchive -O -i", false, false,
                null, null, List.of(), null);
    }
}
