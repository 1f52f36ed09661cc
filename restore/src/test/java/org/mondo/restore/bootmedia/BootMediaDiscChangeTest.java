package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.vm.Disk;
import org.mondo.vm.Firmware;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.Vm;

/**
 * A backup of three volumes or more restored from discs in one CD drive, changed through QEMU's monitor
 * as an admin changes discs: nuke asks for the last disc (the catalog is there), then for each
 * disc in order, once (the last again only when a big file goes on to it); a wrong disc is named
 * and waited past; no disk other than the plan's is touched and
 * no key is pressed. An expert boot then checks every restored file's SHA-256.
 */
@Tag("vm")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class BootMediaDiscChangeTest {
    private static final Pattern ASK = Pattern.compile(">>> Insert (the last volume|volume (\\d+))[^\\n]* into the drive \\(/dev/sr0\\)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void nukeAsksForEachDiscAndRestoresEveryFile() throws Exception {
        // Volume 1 holds the boot environment (~130 MiB) and a set or two; the sets of 12 MiB of random data
        // each go on to more volumes of 16 MiB.
        try (LayoutBackup lb = new LayoutBackup(tmp, 12 << 20, List.of("-s", "150m,16m"))) {
            int volumes = 1;
            while (Files.exists(lb.volume(volumes + 1))) volumes++;
            assertTrue(volumes >= 3, "the test needs three volumes at least, has " + volumes);
            int last = volumes;
            Disk vda = Disk.create(tmp, "vda.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
            Disk vdb = Disk.create(tmp, "vdb.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
            Disk vdc = Disk.create(tmp, "vdc.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
            try (Vm vm = machine("disc-change-nuke", lb, vda, vdb, vdc).start()) {
                BootMedia.withTranscript(vm, () -> {
                    SerialConsole c = vm.console();
                    c.expect("boot:", Duration.ofMinutes(3));
                    c.sendLine("RESTORE poweroff");
                    c.expect(BootMedia.MONDORESTORE_STARTED, Duration.ofMinutes(5));
                    SerialConsole.Match ask = c.expect(ASK, Duration.ofMinutes(3));
                    assertEquals("the last volume", ask.group(1), "the catalog's disc first: " + ask.group());
                    vm.monitor().change("cd0", lb.volume(last));
                    c.expect("would partition /dev/vda as /dev/vda was (exactly)", Duration.ofMinutes(3));
                    // Then each disc as asked; the first time the admin picks up a wrong disc.
                    List<Integer> asked = new ArrayList<>();
                    Pattern askOrDone = Pattern.compile(ASK.pattern() + "|mondorestore: \\d+ entries restored\\n");
                    while (true) {
                        ask = c.expect(askOrDone, Duration.ofMinutes(10));
                        if (ask.group().contains("entries restored")) break;
                        int n = Integer.parseInt(ask.group(2));
                        if (asked.isEmpty()) {
                            vm.monitor().change("cd0", lb.volume(last));
                            c.expect("the drive holds volume " + last + " of this backup", Duration.ofMinutes(2));
                        }
                        asked.add(n);
                        vm.monitor().change("cd0", lb.volume(n));
                    }
                    System.out.println("disc change: after the last volume, the restore asked for volumes " + asked);
                    // Each disc once, in order; the last again only for a big file that goes on to it.
                    List<Integer> once = new ArrayList<>();
                    for (int n = 1; n <= last; n++) once.add(n);
                    assertTrue(asked.equals(once) || asked.equals(once.subList(0, last - 1)), "discs asked for: " + asked);
                    c.expect("Restore finished. Time per phase:", Duration.ofMinutes(5));
                    c.expect("mondo: powering off", Duration.ofMinutes(2));
                    vm.awaitExit(Duration.ofMinutes(2));
                });
            }
            try (Vm vm = machine("disc-change-check", lb, vda, vdb, vdc).start()) {
                BootMedia.withTranscript(vm, () -> {
                    SerialConsole c = vm.console();
                    c.expect("boot:", Duration.ofMinutes(3));
                    c.sendLine("expert");
                    c.expect(BootMedia.PROMPT, Duration.ofMinutes(8));
                    lb.checkRestoredFiles(c, "/dev/vda2", "/dev/vdb1 /dev/vdc1");
                    BootMedia.powerOff(vm);
                });
            }
        }
    }

    private Vm.Builder machine(String name, LayoutBackup lb, Disk... disks) {
        Vm.Builder b = Vm.builder(tmp).name(name).firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .cdrom(lb.backup.iso(), Disk.Bus.IDE);
        for (Disk d : disks) b.disk(d, Disk.Bus.VIRTIO);
        return b.bootFromCd();
    }
}
