package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
import org.mondo.vm.SerialConsole;
import org.mondo.vm.Vm;

/**
 * nuke of the same backup as BootMediaNukeTest onto other disks: the backup's virtio disks
 * (vda 2 GiB, vdb and vdc 1 GiB) become NVMe disks of 3 GiB and 2 GiB. The planner maps them in
 * order, keeps the BIOS boot partition, grows root and the PV, makes the VG anew with its LVs
 * scaled and the RAID1 members grown; the expert boot after it checks the new sizes, the UUIDs
 * and every file.
 */
@Tag("vm")
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class BootMediaNukeResizeTest {
    private static final long GIB = BootMedia.GIB;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void nukeOntoBiggerNvmeDisks() throws Exception {
        try (LayoutBackup lb = new LayoutBackup(tmp)) {
            Disk n0 = Disk.create(tmp, "n0.qcow2", 3 * GIB, Disk.Format.QCOW2);
            Disk n1 = Disk.create(tmp, "n1.qcow2", 2 * GIB, Disk.Format.QCOW2);
            Disk n2 = Disk.create(tmp, "n2.qcow2", 2 * GIB, Disk.Format.QCOW2);
            try (Vm vm = machine("nvme-nuke", lb, n0, n1, n2).start()) {
                BootMedia.withTranscript(vm, () -> {
                    SerialConsole c = vm.console();
                    c.expect("boot:", Duration.ofMinutes(3));
                    c.sendLine("RESTORE poweroff");
                    c.expect(Pattern.compile("would partition /dev/nvme0n1 as /dev/vda was \\(resized\\)"), Duration.ofMinutes(8));
                    c.expect(Pattern.compile("/dev/nvme0n1p3: 1\\.5 GiB -> 2\\.\\d GiB"), Duration.ofMinutes(1));
                    c.expect("Restore finished. Time per phase:", Duration.ofMinutes(10));
                    c.expect("mondo: powering off", Duration.ofMinutes(2));
                    vm.awaitExit(Duration.ofMinutes(2));
                });
            }
            try (Vm vm = machine("nvme-after-nuke", lb, n0, n1, n2).start()) {
                BootMedia.withTranscript(vm, () -> {
                    SerialConsole c = vm.console();
                    c.expect("boot:", Duration.ofMinutes(3));
                    c.sendLine("expert");
                    c.expect(BootMedia.PROMPT, Duration.ofMinutes(8));
                    String sizes = BootMedia.sh(c, "mdadm --stop --scan; mdadm --assemble /dev/md0 /dev/nvme1n1p1 /dev/nvme2n1p1;"
                            + " nu='activation{udev_sync=0 udev_rules=0}'; lvm vgchange -ay --config \"$nu\" >/dev/null;"
                            + " lvm vgmknodes --config \"$nu\"; for d in /dev/nvme0n1p2 /dev/nvme0n1p3 /dev/md0"
                            + " /dev/mapper/mvg-data; do echo \"$d $(blockdev --getsize64 $d)\"; done;"
                            + " blkid -o export /dev/nvme0n1p2 /dev/md0 /dev/mapper/mvg-data", Duration.ofMinutes(2)).output();
                    assertTrue(size(sizes, "/dev/nvme0n1p3") > 2 * GIB, sizes);
                    assertTrue(size(sizes, "/dev/nvme0n1p2") > 512L << 20, "root grew too: " + sizes);
                    assertTrue(size(sizes, "/dev/md0") > 1536L << 20, "RAID1 over the grown members: " + sizes);
                    assertTrue(size(sizes, "/dev/mapper/mvg-data") > 400L << 20, "LV scaled with its VG: " + sizes);
                    for (String uuid : new String[] {"UUID=4d4f4e44-0000-4000-8000-0000000000f1",
                            "UUID=4d4f4e44-0000-4000-8000-0000000000f2", "UUID=4d4f4e44-0000-4000-8000-0000000000f3"}) {
                        assertTrue(sizes.contains(uuid), uuid + " kept:\n" + sizes);
                    }
                    lb.checkRestoredFiles(c, "/dev/nvme0n1p2", "/dev/nvme1n1p1 /dev/nvme2n1p1");
                    BootMedia.powerOff(vm);
                });
            }
        }
    }

    private static long size(String out, String device) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(device) + " (\\d+)$").matcher(out);
        if (!m.find()) throw new AssertionError("no size of " + device + " in:\n" + out);
        return Long.parseLong(m.group(1));
    }

    private Vm.Builder machine(String name, LayoutBackup lb, Disk... disks) {
        Vm.Builder b = Vm.builder(tmp).name(name).firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .cdrom(lb.backup.iso(), Disk.Bus.IDE);
        for (Disk d : disks) b.disk(d, Disk.Bus.NVME);
        return b.bootFromCd();
    }
}
