package org.mondo.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.vm.Disk;
import org.mondo.vm.Initramfs;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.TestKernel;
import org.mondo.vm.Vm;

/**
 * A volume written in sessions is read by the Linux iso9660 driver as one image holding every
 * file of every session, from a CD drive (how the boot environment reads discs): the restore
 * kernel boots with the image in its drive, mounts it, and prints the SHA-256 of each file.
 * In CI (ci-vm): ~11 s under TCG.
 */
@Tag("ci-vm")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class GrowingIsoKernelTest {
    private static final String INIT = """
            #!/bin/sh
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            while read -r m; do insmod "$m" 2>/dev/null; done < /lib/modules/load.order
            i=0
            while [ ! -e /dev/sr0 ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
            mkdir -p /mnt
            if mount -t iso9660 -o ro /dev/sr0 /mnt; then
              (cd /mnt && find . -type f | sort | while read -r f; do echo "SUM $(sha256sum "$f")"; done)
              echo "FILES $(find /mnt -type f | wc -l)"
            else
              echo "MOUNT FAILED"
            fi
            echo "GROWING-DONE"
            poweroff -f
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void theKernelMountsAnImageWrittenInSessionsAndReadsEveryFile() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("staging/archives"));
        Random random = new Random(11);
        TreeMap<String, String> expected = new TreeMap<>();
        Path iso = tmp.resolve("grown.iso");
        Files.createFile(iso);
        try (GrowingIso image = GrowingIso.start(tmp.resolve("staging"), iso, "MONDO_GROWN_2")) {
            for (int i = 0; i < 40; i++) {
                byte[] b = new byte[random.nextInt(3 << 20)];
                random.nextBytes(b);
                String name = String.format("archives/set-%05d.cpio", i);
                Files.write(tmp.resolve("staging").resolve(name), b);
                expected.put("./" + name, sha256(b));
                image.add(name);
                if (i % 10 == 9) image.commit();
            }
            Files.writeString(staging.resolve("THIS-CD-NUMBER"), "2\n");
            expected.put("./archives/THIS-CD-NUMBER", sha256("2\n".getBytes()));
            image.add("archives/THIS-CD-NUMBER");
            assertEquals(4, image.sessions());
            image.finish();
        }

        TestKernel kernel = TestKernel.debian();
        Path initrd = Initramfs.create().busybox().modules(kernel, "ahci", "sr_mod", "isofs").init(INIT)
                .write(tmp.resolve("initrd.cpio.gz"), true);
        Vm.Builder b = Vm.builder(tmp).name("grown-iso")
                .kernel(kernel.vmlinuz(), initrd, "console=ttyS0,115200 panic=-1")
                .disk(Disk.cdrom(iso), Disk.Bus.SATA);
        TreeMap<String, String> seen = new TreeMap<>();
        try (Vm vm = b.start()) {
            SerialConsole c = vm.console();
            SerialConsole.Match files = c.expect(Pattern.compile("(FILES \\d+|MOUNT FAILED)"), Duration.ofMinutes(5));
            c.expect("GROWING-DONE", Duration.ofMinutes(1));
            assertEquals("FILES " + expected.size(), files.group(1).strip(), c.text());
            var sum = Pattern.compile("SUM ([0-9a-f]{64})\\s+(\\S+)").matcher(c.text());
            while (sum.find()) seen.put(sum.group(2), sum.group(1));
            vm.awaitExit(Duration.ofMinutes(1));
        }
        assertEquals(expected, seen, "every file of every session, byte for byte");
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
