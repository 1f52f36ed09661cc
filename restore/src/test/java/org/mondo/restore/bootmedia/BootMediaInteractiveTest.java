package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.vm.Disk;
import org.mondo.vm.Firmware;
import org.mondo.vm.Tmux;
import org.mondo.vm.Vm;

/**
 * interactive mode driven through tmux, as an admin at the serial console would: QEMU runs in a
 * tmux pane (its serial port on the pane), keys go in with send-keys, the full-screen editor is
 * read with capture-pane. The admin grows the xfs logical volume /srv from 400 to 600 MiB in the
 * plan, sees the check stay clean, types restore and YES; the restore completes, and the shell
 * after it shows the volume at its new size with its files (kernel messages may come between the
 * lines the shell prints).
 */
@Tag("vm")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BootMediaInteractiveTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void growAFilesystemInThePlanThenRestore() throws Exception {
        try (LayoutBackup lb = new LayoutBackup(tmp)) {
            Disk vda = Disk.create(tmp, "vda.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
            Disk vdb = Disk.create(tmp, "vdb.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
            Disk vdc = Disk.create(tmp, "vdc.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
            Vm.Builder b = Vm.builder(tmp).name("bios-interactive").firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                    .cdrom(lb.backup.iso(), Disk.Bus.IDE).disk(vda, Disk.Bus.VIRTIO).disk(vdb, Disk.Bus.VIRTIO)
                    .disk(vdc, Disk.Bus.VIRTIO).bootFromCd();
            Path transcript = tmp.resolve("bios-interactive-tmux.log");
            long t0 = System.nanoTime();
            try (Tmux t = new Tmux("mondo-interactive-" + ProcessHandle.current().pid(), 110, 45, b.command(), transcript)) {
                t.await(Pattern.compile("boot:"), Duration.ofMinutes(3));
                t.line("interactive");
                t.await(Pattern.compile("Mondo interactive restore"), Duration.ofMinutes(8));
                t.await(Pattern.compile("mondo> "), Duration.ofMinutes(1));
                Matcher before = t.await(Pattern.compile("/dev/mapper/mvg-data +(\\S+ \\S+) +xfs /srv"), Duration.ofMinutes(1));
                assertTrue(before.group(1).equals("400 MiB"), before.group());
                t.line("size /dev/mapper/mvg-data 600m");
                t.await(Pattern.compile("/dev/mapper/mvg-data +600 MiB +xfs /srv"), Duration.ofMinutes(1));
                t.await(Pattern.compile("check: the plan is consistent"), Duration.ofMinutes(1));
                t.await(Pattern.compile(">> |mondo> "), Duration.ofMinutes(1));
                t.line("restore");
                t.await(Pattern.compile("Type YES to erase /dev/vda, /dev/vdb, /dev/vdc"), Duration.ofMinutes(1));
                t.line("YES");
                t.await(Pattern.compile("Restore finished. Time per phase:"), Duration.ofMinutes(10));
                Matcher total = t.await(Pattern.compile("\\n  total +([^\\n]+)\\n"), Duration.ofMinutes(1));
                t.await(Pattern.compile("mondo# "), Duration.ofMinutes(2));
                t.line("blockdev --getsize64 /dev/mapper/mvg-data; mkdir -p /t && mount /dev/mapper/mvg-data /t && "
                        + "sha256sum /t/" + lb.tag + "/random.bin; umount /t; echo done-$((6*7))");
                Matcher out = t.await(Pattern.compile("(?s)\\n(\\d{6,})\\n.*?([0-9a-f]{64})  /t/\\S+random\\.bin\\n.*?done-42"), Duration.ofMinutes(2));
                assertTrue(out.group(1).equals(String.valueOf(600L << 20)), "LV size after the edit: " + out.group(1));
                String expectedSum = lb.expected.entrySet().stream().filter(e -> e.getKey().startsWith("/srv/"))
                        .filter(e -> e.getKey().endsWith("random.bin")).map(Map.Entry::getValue).findFirst().orElseThrow();
                assertTrue(out.group(2).equals(expectedSum), "content of /srv after the interactive restore");
                System.out.printf("boot media: interactive (tmux): restore total %s, whole test %.0f s%n", total.group(1).strip(),
                        (System.nanoTime() - t0) / 1e9);
                t.line("poweroff -f");
                t.awaitEnd(Duration.ofMinutes(2));
            } catch (Exception | Error e) {
                System.err.println("interactive test failed; tmux transcript " + transcript);
                throw e;
            }
        }
    }
}
