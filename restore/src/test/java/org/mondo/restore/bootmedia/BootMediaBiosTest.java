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
 * Volume 1 under SeaBIOS, CD on IDE, with blank virtio, SATA (AHCI) and NVMe disks: {@code expert} at isolinux's
 * {@code boot:} prompt gives the {@code mondo# } shell, which sees the three disks (vda, sda, nvme0n1), names the
 * CD in /tmp/mondo-medium and has /tmp/mondorestore.log. Prints the times from QEMU's start to the prompt and to
 * the shell.
 */
@Tag("vm")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BootMediaBiosTest extends BootMediaTestBase {
    @Test
    void expertShellSeesVirtioSataAndNvmeDisksAndTheCd() throws Exception {
        BootMedia.biosExpertWithThreeBuses(backup, tmp, "bios-expert", timings);
    }
}
