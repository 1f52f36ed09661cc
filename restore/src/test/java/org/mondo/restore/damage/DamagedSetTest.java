package org.mondo.restore.damage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;
import org.mondo.catalog.Entry;
import org.mondo.media.IsoFile;
import org.mondo.media.IsoImage;
import org.mondo.read.Backup;
import org.mondo.restore.cli.MondoRestore;

/**
 * Bytes overwritten inside one archive set cost only the files stored there: every other file
 * restores byte-exact, the damaged ones are named, and the exit status says something is missing.
 */
class DamagedSetTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheDamagedFilesAreLost() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Random r = new Random(7);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] b = new byte[20_000 + r.nextInt(20_000)];
            // Half text-like (compressed members), half random (stored raw).
            if (i % 2 == 0) for (int k = 0; k < b.length; k++) b[k] = (byte) ('a' + r.nextInt(4));
            else r.nextBytes(b);
            Path f = src.resolve(String.format("file-%02d", i));
            Files.write(f, b);
            files.add(f);
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, MondoArchive.execute(new String[] {"-OiW", "-d", out.toString(), "-I", src.toString(),
                "--set-size", "200k", "-T", tmp.toString(), "--log", tmp.resolve("log").toString()}));
        Path iso = out.resolve("mondorescue-1.iso");

        // Which files live in set 3, and where set 3 lies in the image.
        List<String> inSet3 = new ArrayList<>();
        try (Backup b = Backup.open(out, "mondorescue")) {
            for (Entry e : b.catalog()) if (e.set == 3 && e.hasContent()) inSet3.add(e.toString());
        }
        assertTrue(inSet3.size() >= 3, "set 3 holds several files: " + inSet3);
        long offset;
        long length;
        try (IsoImage img = IsoImage.open(iso)) {
            IsoFile set3 = img.find("/archives/set-00003.cpio").orElseThrow();
            offset = set3.extents().get(0).lba() * 2048;
            length = set3.size();
        }
        // Overwrite 600 bytes a third of the way in: one or two members' data (and maybe a header).
        try (RandomAccessFile raf = new RandomAccessFile(iso.toFile(), "rw")) {
            raf.seek(offset + length / 3);
            byte[] junk = new byte[600];
            new Random(3).nextBytes(junk);
            raf.write(junk);
        }

        Path dst = Files.createDirectories(tmp.resolve("dst"));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try {
            System.setErr(new PrintStream(err, true));
            rc = MondoRestore.execute(new String[] {"-i", "-d", out.toString(), "--restore-to", dst.toString(), "--log",
                    tmp.resolve("rlog").toString()});
        } finally {
            System.setErr(oldErr);
        }
        String report = err.toString();
        assertEquals(1, rc, "a damaged backup must not exit 0\n" + report);

        int damaged = 0;
        for (Path f : files) {
            Path restored = dst.resolve(f.toString().substring(1));
            String name = f.toString();
            if (inSet3.contains(name)) {
                if (!Files.exists(restored)) {
                    damaged++;
                    assertTrue(report.contains(name), "the lost file " + name + " is named:\n" + report);
                    continue;
                }
            } else {
                assertTrue(Files.exists(restored), name + " (not in the damaged set) must be restored");
            }
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(restored), name);
        }
        assertTrue(damaged >= 1, "the damage cost at least one file");
        assertFalse(damaged == inSet3.size() && inSet3.size() > 3, "a damaged set does not lose all its members");
    }
}
