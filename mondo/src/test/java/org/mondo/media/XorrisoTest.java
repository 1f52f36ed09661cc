package org.mondo.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mondo.tools.ToolException;

class XorrisoTest {
    @TempDir
    Path tmp;

    /** Builds a tree of small files of varied sizes and checks the overhead bound against the real image. */
    @ParameterizedTest(name = "{0} files, {1}-char names, {2} subdirs")
    @CsvSource({"1, 14, 0", "100, 14, 0", "2000, 14, 0", "2000, 186, 0", "600, 40, 200", "2000, 156, 500", "0, 1, 300"})
    void overheadEstimateBoundsRealImages(int files, int nameLength, int subdirs) throws IOException {
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        for (int d = 0; d < subdirs; d++) {
            Files.createDirectory(staging.resolve(String.format("d%0" + Math.max(1, nameLength - 6) + "d", d)));
        }
        List<Path> dirs = Files.list(staging).sorted().toList();
        long contents = 0;
        for (int i = 0; i < files; i++) {
            String name = "f" + String.format("%0" + Math.max(1, nameLength - 6) + "d", i) + ".cpio";
            Path dir = subdirs == 0 ? staging : dirs.get(i % subdirs);
            int size = (i * 977) % 5000;
            Files.write(dir.resolve(name), new byte[size]);
            contents += (size + 2047) / 2048 * 2048L;
        }
        Path iso = tmp.resolve("out.iso");
        Xorriso.buildIso(staging, iso, "OVERHEAD", List.of());

        long overhead = Files.size(iso) - contents;
        long estimate = Xorriso.estimateOverheadBytes(files, subdirs + 1);
        System.out.printf("overhead files=%d name=%d dirs=%d: actual %d, estimate %d%n",
                files, nameLength, subdirs + 1, overhead, estimate);
        assertTrue(overhead <= estimate, "actual " + overhead + " > estimate " + estimate);
        // Conservative, but not wildly so: within 1.5 MiB of reality for these sizes.
        assertTrue(estimate - overhead < 1536 * 1024, "estimate " + estimate + " vs actual " + overhead);
    }

    @Test
    void estimateGrowsWithCounts() {
        assertTrue(Xorriso.estimateOverheadBytes(0, 1) >= 183 * 2048);
        assertEquals(512, Xorriso.estimateOverheadBytes(11, 1) - Xorriso.estimateOverheadBytes(10, 1));
        assertTrue(Xorriso.estimateOverheadBytes(10, 2) - Xorriso.estimateOverheadBytes(10, 1) >= 2048);
    }

    @Test
    void overwritesAnExistingOutputFile() throws IOException {
        Path staging = Files.createDirectory(tmp.resolve("s"));
        Files.writeString(staging.resolve("a.txt"), "a");
        Path iso = Files.write(tmp.resolve("x.iso"), new byte[5_000_000]);
        Xorriso.buildIso(staging, iso, "X", List.of());
        assertTrue(Files.size(iso) < 1_000_000);
        try (IsoImage image = IsoImage.open(iso)) {
            assertEquals("X", image.volumeId());
        }
    }

    @Test
    void failuresAreReportedOnOneLine() throws IOException {
        Path staging = Files.createDirectory(tmp.resolve("s"));
        ToolException e = assertThrows(ToolException.class,
                () -> Xorriso.buildIso(staging, tmp.resolve("no/such/dir/x.iso"), "X", List.of()));
        assertTrue(e.getMessage().startsWith("xorriso failed (exit "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("aborting"), e.getMessage());

        assertThrows(NotDirectoryException.class,
                () -> Xorriso.buildIso(tmp.resolve("missing"), tmp.resolve("x.iso"), "X", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Xorriso.buildIso(staging, tmp.resolve("x.iso"), "A".repeat(33), List.of()));
    }
}
