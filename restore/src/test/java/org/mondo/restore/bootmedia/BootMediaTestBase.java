package org.mondo.restore.bootmedia;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every boot-media test class shares: one small backup with boot media, built once per class,
 * a temporary directory per test (kept when it fails, with the serial transcripts), and timings.
 */
abstract class BootMediaTestBase {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path shared;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    static BootMedia.Backup backup;
    static BootMedia.Timings timings;

    @BeforeAll
    static void buildBackup() throws Exception {
        timings = new BootMedia.Timings();
        backup = BootMedia.build(shared);
    }

    @AfterAll
    static void printTimings() {
        timings.print();
    }
}
