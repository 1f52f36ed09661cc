package org.mondo.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.catalog.CatalogFormat;
import org.mondo.catalog.Entry;
import org.mondo.catalog.Selection;
import org.mondo.catalog.UserNames;
import org.mondo.catalog.Walker;
import org.mondo.codec.Codec;
import org.mondo.codec.CompressionPolicy;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;

/** Files that vanish or change between the walk and the read are reported, never fatal. */
class SetJobTest {
    @TempDir
    Path tmp;

    @Test
    void vanishedAndChangedFilesAreReportedAndTheSetStillCompletes() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a-stays"), "stays the same\n".repeat(100));
        Files.writeString(src.resolve("b-vanishes"), "will be deleted\n".repeat(100));
        Files.writeString(src.resolve("c-changes"), "short\n");
        List<Entry> catalog = new Walker(new Selection(List.of(PathBytes.of(src.toString())), List.of()),
                UserNames.load(Path.of("/etc")), "zst", null).walk().entries();

        Files.delete(src.resolve("b-vanishes"));
        Files.writeString(src.resolve("c-changes"), "now it is longer than it was\n".repeat(50));

        Map<ByteBuffer, Entry> byPath = new HashMap<>();
        for (Entry e : catalog) byPath.put(ByteBuffer.wrap(e.path), e);
        Path work = Files.createDirectories(tmp.resolve("work"));
        ProgressMeter quiet = new ProgressMeter(new PrintStream(new ByteArrayOutputStream()), false, 1_000_000);
        List<Piece> pieces = new ArrayList<>();
        try (BackupContext ctx = new BackupContext(new CompressionPolicy(Codec.ZSTD), 3, 1 << 20, 1 << 20, work, quiet,
                SideFiles.NONE, byPath)) {
            List<Job> jobs = SetPlanner.plan(catalog, ctx, 1 << 20, 1000);
            try (OrderedPipeline p = new OrderedPipeline(2, 4)) {
                p.run(jobs.iterator(), pieces::add);
            }
            List<Problems.Problem> problems = ctx.problems().all();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.stream().anyMatch(x -> x.kind() == Problems.Kind.VANISHED && x.path().endsWith("b-vanishes")));
            assertTrue(problems.stream().anyMatch(x -> x.kind() == Problems.Kind.CHANGED && x.path().endsWith("c-changes")));
        }
        assertEquals(1, pieces.size());
        Entry vanished = byPath.get(ByteBuffer.wrap(PathBytes.of(src.resolve("b-vanishes").toString())));
        assertTrue(vanished.gone, "a vanished file leaves the catalog");
        Entry stays = byPath.get(ByteBuffer.wrap(PathBytes.of(src.resolve("a-stays").toString())));
        assertNotNull(stays.sha256);
        Entry changed = byPath.get(ByteBuffer.wrap(PathBytes.of(src.resolve("c-changes").toString())));
        assertEquals(Files.size(src.resolve("c-changes")), changed.size, "the catalog describes what was archived");

        ByteArrayOutputStream cat = new ByteArrayOutputStream();
        CatalogFormat.write(cat, catalog);
        assertFalse(cat.toString().contains("b-vanishes"), "the catalog lists a file that is not in the backup");
    }
}
