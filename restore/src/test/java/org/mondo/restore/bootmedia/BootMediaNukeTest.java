package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
 * nuke on three blank virtio disks under SeaBIOS, from a backup whose boot media carry a layout
 * given with --layout (restore/src/test/resources/bootmedia/nuke-test.layout: GPT with BIOS boot,
 * ext4 root and an LVM PV holding xfs /srv and swap; md RAID1 over two MBR disks holding ext4
 * /home). The first boot types "nuke poweroff": the countdown, partitioning, md, LVM, mkfs,
 * restore and the phase summary run, and the machine powers off. The second boot, in expert mode,
 * checks from the shell what was built: partition tables with their ids and PARTUUIDs, the md
 * array and the volume group, each filesystem's UUID and label, and every restored file's SHA-256,
 * on root, on the RAID1 and on the logical volume; then changes a file. The third boot, compare,
 * reports that file and nothing else in /tmp/changed.files, and leaves every disk as it was.
 */
@Tag("ci-vm")
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class BootMediaNukeTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void nukeBuildsTheLayoutRestoresEveryFileAndTheNextBootSeesIt() throws Exception {
        try (LayoutBackup lb = new LayoutBackup(tmp)) {
            run(lb);
        }
    }

    private void run(LayoutBackup lb) throws Exception {
        BootMedia.Backup backup = lb.backup;
        String tag = lb.tag;
        Disk vda = Disk.create(tmp, "vda.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
        Disk vdb = Disk.create(tmp, "vdb.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
        Disk vdc = Disk.create(tmp, "vdc.qcow2", BootMedia.GIB, Disk.Format.QCOW2);
        BootMedia.Timings timings = new BootMedia.Timings();

        Vm.Builder nuke = machine("bios-nuke", backup, vda, vdb, vdc);
        try (Vm vm = nuke.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match prompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("nuke poweroff");
                SerialConsole.Match started = c.expect(BootMedia.MONDORESTORE_STARTED, Duration.ofMinutes(5));
                c.expect(Pattern.compile("would partition /dev/vda as /dev/vda was \\(exactly\\)"), Duration.ofMinutes(3));
                c.expect("WILL BE ERASED", Duration.ofMinutes(1));
                c.expect("restoring in 1 s", Duration.ofMinutes(1));
                c.expect("mondorestore: creating /dev/md0 (raid1)", Duration.ofMinutes(3));
                c.expect("mondorestore: creating LVM volume group mvg", Duration.ofMinutes(3));
                c.expect("mondorestore: making xfs on /dev/mapper/mvg-data (mdata)", Duration.ofMinutes(3));
                c.expect(Pattern.compile("mondorestore: \\d+ entries restored\\n"), Duration.ofMinutes(10));
                SerialConsole.Match finished = c.expect("Restore finished. Time per phase:", Duration.ofMinutes(5));
                SerialConsole.Match total = c.expect(Pattern.compile("\\n  total +[^\\n]+\\n"), Duration.ofMinutes(1));
                System.out.println("boot media: nuke: " + total.group().strip());
                c.expect("mondo: powering off", Duration.ofMinutes(2));
                vm.awaitExit(Duration.ofMinutes(2));
                timings.add("nuke (3 virtio disks, md, LVM)", vm, "boot:", prompt, "mondorestore started", started,
                        "restore finished", finished);
            });
        }

        Vm.Builder check = machine("bios-after-nuke", backup, vda, vdb, vdc);
        try (Vm vm = check.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("expert");
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                c.expect(BootMedia.PROMPT, Duration.ofMinutes(2));
                String dump = BootMedia.sh(c, "sfdisk --dump /dev/vda; sfdisk --dump /dev/vdb", Duration.ofMinutes(1)).output();
                assertTrue(dump.contains("label-id: 4D4F4E44-4F00-4E55-4B45-000000000001"), dump);
                assertTrue(Pattern.compile("/dev/vda2 : start= *4096, size= *1048576, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, "
                        + "uuid=4D4F4E44-4F00-4E55-4B45-0000000000A2, name=\"root\", attrs=\"LegacyBIOSBootable\"").matcher(dump).find(), dump);
                assertTrue(dump.contains("label-id: 0x4d4f0b01"), dump);
                String blkid = BootMedia.sh(c, "mdadm --stop --scan; mdadm --assemble /dev/md0 /dev/vdb1 /dev/vdc1; lvm vgchange -ay >/dev/null; lvm vgmknodes;"
                        + " blkid -o export /dev/vda2 /dev/md0 /dev/mapper/mvg-data /dev/mapper/mvg-swap", Duration.ofMinutes(2)).output();
                for (String s : List.of("UUID=4d4f4e44-0000-4000-8000-0000000000f1", "LABEL=mroot",
                        "UUID=4d4f4e44-0000-4000-8000-0000000000f2", "LABEL=mhome", "UUID=4d4f4e44-0000-4000-8000-0000000000f3",
                        "TYPE=xfs", "UUID=4d4f4e44-0000-4000-8000-0000000000f4", "TYPE=swap")) {
                    assertTrue(blkid.contains(s), s + " not in blkid's output:\n" + blkid);
                }
                String md = BootMedia.sh(c, "mdadm --detail /dev/md0", Duration.ofMinutes(1)).output();
                assertTrue(md.contains("UUID : 4d4f4e44:4f4e554b:45000000:00000001") && md.contains("raid1"), md);
                lb.checkRestoredFiles(c, "/dev/vda2", "/dev/vdb1 /dev/vdc1");
                String log = BootMedia.sh(c, "ls -l /t/var/log/mondo/", Duration.ofMinutes(1)).output();
                assertTrue(log.contains("mondorestore.log") && log.contains("-rw-------"), "log copied, root only:\n" + log);
                // A change after the backup, for the compare boot to find.
                BootMedia.sh(c, "echo changed >> /t/home/" + tag + "/hello.txt; cd /; umount /t/srv /t/home /t; sync",
                        Duration.ofMinutes(1));
                BootMedia.powerOff(vm);
            });
        }

        List<String> before = List.of(vda.sha256(), vdb.sha256(), vdc.sha256());
        Vm.Builder compare = machine("bios-compare", backup, vda, vdb, vdc);
        try (Vm vm = compare.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match prompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("compare");
                SerialConsole.Match started = c.expect(BootMedia.MONDORESTORE_STARTED, Duration.ofMinutes(5));
                c.expect("compare: the disks are mounted read-only", Duration.ofMinutes(3));
                SerialConsole.Match summary = c.expect(Pattern.compile("Compared \\d+ entries: 1 differ from the system"),
                        Duration.ofMinutes(5));
                c.expect(Pattern.compile("\\n  /home/" + tag + "/hello.txt [^\\n]*(size|content)"), Duration.ofMinutes(1));
                c.expect("mondo: mondorestore -Z compare ended with status 1", Duration.ofMinutes(2));
                c.expect(BootMedia.PROMPT, Duration.ofMinutes(1));
                String changed = BootMedia.sh(c, "cat /tmp/changed.files", Duration.ofMinutes(1)).output();
                assertTrue(changed.contains("/home/" + tag + "/hello.txt"), changed);
                assertEquals(1, changed.strip().lines().count(), "only the changed file differs:\n" + changed);
                timings.add("compare (3 virtio disks, md, LVM)", vm, "boot:", prompt, "mondorestore started", started,
                        "summary", summary);
                BootMedia.powerOff(vm);
            });
        }
        assertEquals(before, List.of(vda.sha256(), vdb.sha256(), vdc.sha256()), "compare wrote to a disk");
        timings.print();
    }

    private Vm.Builder machine(String name, BootMedia.Backup backup, Disk... disks) throws IOException {
        Vm.Builder b = Vm.builder(tmp).name(name).firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .cdrom(backup.iso(), Disk.Bus.IDE);
        for (Disk d : disks) b.disk(d, Disk.Bus.VIRTIO);
        return b.bootFromCd();
    }
}
