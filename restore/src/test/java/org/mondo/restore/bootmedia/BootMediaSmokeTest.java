package org.mondo.restore.bootmedia;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one boot of the default suite (tag {@code ci-vm}, not {@code vm}): volume 1 of a small backup boots under
 * SeaBIOS from an IDE CD, {@code expert} at the {@code boot:} prompt reaches the {@code mondo# } shell, which sees a
 * virtio, a SATA and an NVMe disk and knows its medium. About 1-2 minutes under TCG. A failure prints the serial
 * transcript's path; the test's temporary directory is then kept.
 */
@Tag("ci-vm")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BootMediaSmokeTest extends BootMediaTestBase {
    @Test
    void volumeOneBootsToTheExpertShellUnderSeaBios() throws Exception {
        BootMedia.biosExpertWithThreeBuses(backup, tmp, "smoke-bios-expert", timings);
    }
}
