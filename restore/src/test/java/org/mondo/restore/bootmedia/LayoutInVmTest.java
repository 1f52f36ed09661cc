package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.layout.Partition;
import org.mondo.layout.TableType;
import org.mondo.restore.bootenv.BootEnvRun;
import org.mondo.restore.bootenv.BootEnvironment;
import org.mondo.vm.Disk;
import org.mondo.vm.HostCommand;
import org.mondo.vm.Initramfs;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.TestKernel;
import org.mondo.vm.Vm;

/**
 * The layout read for real, then carried by the boot media to mondorestore. This host refuses to open its own disk,
 * so a QEMU guest does it: Debian's kernel, a busybox initramfs, this host's /usr (and a copy of /etc) over 9p, the
 * checkout and the test kernel over 9p read-only. The guest partitions two virtio disks (vda GPT: ESP, ext4, swap;
 * vdb MBR: two ext4, one mounted) with UUIDs chosen here, then runs the checkout's {@code mindi --makemountlist}
 * and {@code mindi} (the rescue disc) on itself. Here: the mountlist and layout name the disks, partitions and
 * UUIDs as created; the disc's initramfs carries the same layout in /etc/mondo/layout.conf; and mondorestore's
 * boot-environment run ({@link BootEnvRun}) in {@code nuke dryrun} prints the partitioning from it.
 */
@Tag("vm")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LayoutInVmTest {
    static final String ROOT_UUID = "5d0c1f4e-8a43-4f6e-9b1e-2c7a9d3e1f01";
    static final String SWAP_UUID = "0e7b9a52-3c1d-4b8e-a6f2-91d4c5e6b702";
    static final String DATA_UUID = "a3c5e7f9-1b2d-4e6f-8a0c-2e4f6a8c0e03";
    static final String SPARE_UUID = "b4d6f8a0-2c3e-4f70-9b1d-3f5a7b9d1f04";
    static final String ESP_ID = "1234ABCD";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void theLayoutReadInAMachineReachesNukeDryRunThroughTheRescueDisc() throws Exception {
        Path root = BootMedia.repoRoot();
        BootMedia.requireBuilt(root);
        TestKernel kernel = TestKernel.debian();
        String reuse = System.getProperty("mondo.test.layout-vm-out");
        Path out = reuse != null ? Path.of(reuse) : Files.createDirectories(tmp.resolve("out"));
        if (reuse == null) runGuest(root, kernel, out);
        checkWhatTheGuestMade(out);
    }

    /**
     * Boots the guest, which writes into {@code out}: guest.log, mountlist.txt (+ .layout), rescue.iso, mindi.log.
     * The checks alone can be rerun on a kept {@code out} (a failed run keeps its @TempDir) with
     * {@code -Dmondo.test.layout-vm-out=DIR}.
     */
    private void runGuest(Path root, TestKernel kernel, Path out) throws Exception {
        Files.writeString(out.resolve("guest.sh"), guestScript(kernel));
        Path initrd = Initramfs.create().busybox()
                .modules(kernel, "virtio_pci", "virtio_blk", "9p", "9pnet_virtio", "ext4", "vfat", "nls_cp437",
                        "nls_ascii", "crc32c_generic")
                .init(INIT).write(tmp.resolve("initrd.gz"), true);
        Disk vda = Disk.create(tmp, "vda.raw", BootMedia.GIB, Disk.Format.RAW);
        Disk vdb = Disk.create(tmp, "vdb.raw", 512 * BootMedia.MIB, Disk.Format.RAW);
        // One vCPU: with two, the guest's JVMs (jlink, mindi) died twice in three runs of SIGSEGV in C1-compiled code
        // (QEMU 7.2, multi-threaded TCG; the JIT patches code that the other vCPU may be running).
        Vm.Builder b = Vm.builder(tmp).name("layout").memoryMb(2048).cpus(1)
                .kernel(kernel.vmlinuz(), initrd, "console=ttyS0 panic=-1 quiet")
                .disk(vda, Disk.Bus.VIRTIO)
                .disk(vdb, Disk.Bus.VIRTIO)
                .extraArgs(share("usr", Path.of("/usr"), true))
                .extraArgs(share("etc", Path.of("/etc"), true))
                .extraArgs(share("checkout", root, true))
                .extraArgs(share("kernel", kernel.root(), true))
                .extraArgs(share("out", out, false));
        long t0 = System.nanoTime();
        try (Vm vm = b.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole.Match end = vm.console().expect(
                        java.util.regex.Pattern.compile("GUEST-(OK|FAILED)"), Duration.ofMinutes(25));
                assertEquals("OK", end.group(1), "the guest script failed; its log: " + out.resolve("guest.log")
                        + "\n" + tail(out.resolve("guest.log")));
                vm.awaitExit(Duration.ofMinutes(1));
            });
        }
        System.out.printf("layout VM: partitioned, read and rescue disc built in %.0f s (TCG)%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private void checkWhatTheGuestMade(Path out) throws Exception {

        // 1. What mindi --makemountlist read, against what the guest created.
        String mountlist = Files.readString(out.resolve("mountlist.txt"));
        System.out.println("mountlist read in the VM:\n" + mountlist);
        Layout read = LayoutFormat.read(out.resolve("mountlist.txt.layout"));
        assertEquals(List.of("/dev/vda", "/dev/vdb"), read.disks().stream().map(org.mondo.layout.Disk::device).toList());
        org.mondo.layout.Disk a = read.disks().get(0);
        org.mondo.layout.Disk d = read.disks().get(1);
        assertEquals(TableType.GPT, a.table());
        assertEquals(BootMedia.GIB, a.sizeBytes());
        assertEquals(List.of(2048L, 2048L + 64 * 2048, 2048L + 320 * 2048),
                a.partitions().stream().map(Partition::start).toList());
        assertEquals(List.of("EFI System Partition", "root", "swap"),
                a.partitions().stream().map(Partition::name).toList());
        assertEquals(TableType.MBR, d.table());
        assertEquals(List.of(2048L, 2048L + 200 * 2048), d.partitions().stream().map(Partition::start).toList());
        assertFs(read, "/dev/vda1", "vfat", ESP_ID.substring(0, 4) + "-" + ESP_ID.substring(4), "VMESP");
        assertFs(read, "/dev/vda2", "ext4", ROOT_UUID, "vmroot");
        assertFs(read, "/dev/vdb1", "ext4", DATA_UUID, "vmdata");
        assertFs(read, "/dev/vdb2", "ext4", SPARE_UUID, "vmspare");
        assertEquals(SWAP_UUID, read.swap("/dev/vda3").orElseThrow().uuid());
        assertTrue(read.mounts().stream().anyMatch(m -> m.device().equals("/dev/vdb1") && m.mountpoint().equals("/data")),
                read.mounts().toString());
        // MondoRescue's mountlist has what is mounted or swap; the layout has everything.
        assertTrue(mountlist.matches("(?s).*\\n/dev/vda3 +swap +swap .*"), mountlist);
        assertTrue(mountlist.matches("(?s).*\\n/dev/vdb1 +/data +ext4 +204800 +vmdata\\n.*"), mountlist);

        // 2. The rescue disc mindi made in the same machine carries that layout.
        Path iso = out.resolve("rescue.iso");
        Path etc = Files.createDirectories(tmp.resolve("initrd"));
        HostCommand.run(Duration.ofMinutes(1), "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract",
                "/boot/initrd.img", tmp.resolve("initrd.img").toString());
        HostCommand.run(Duration.ofMinutes(1), "sh", "-c", "cd \"$1\" && gzip -dc \"$2\" | cpio -idm --quiet 'etc/mondo/*'",
                "sh", etc.toString(), tmp.resolve("initrd.img").toString());
        Path etcMondo = etc.resolve("etc/mondo");
        Layout carried = LayoutFormat.read(etcMondo.resolve("layout.conf"));
        assertEquals(read.disks(), carried.disks(), "the disc's layout.conf differs from --makemountlist's");
        assertEquals(read.fileSystems(), carried.fileSystems());
        assertEquals(mountlist, Files.readString(etcMondo.resolve("mountlist.txt")));

        // 3. mondorestore in the boot environment, nuke dryrun: the partitioning comes from that layout.
        Path sysBlock = tmp.resolve("sys/block");
        for (String[] disk : new String[][] {{"sr0", "262144"}, {"vda", "2097152"}, {"vdb", "1048576"}}) {
            Files.createDirectories(sysBlock.resolve(disk[0]));
            Files.writeString(sysBlock.resolve(disk[0]).resolve("size"), disk[1] + "\n");
        }
        Path medium = Files.writeString(tmp.resolve("mondo-medium"), "/dev/sr0\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = new BootEnvRun(new BootEnvironment(etcMondo, tmp.resolve("cdrom"), medium), sysBlock,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new org.mondo.restore.tools.SystemCommands(),
                tmp.resolve("mnt")).run("nuke", List.of("dryrun"));
        String said = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("mondorestore -Z nuke --boot-env dryrun on the rescue disc's environment:\n" + said);
        assertEquals(0, rc, said);
        assertTrue(said.contains("Mondo rescue disc rescue-"), said);
        assertTrue(said.contains("would partition /dev/vda as /dev/vda was (exactly)"), said);
        assertTrue(said.contains("/dev/vda (1.0 GiB, gpt)"), said);
        assertTrue(said.matches("(?s).*\\n +/dev/vda2 +256 MiB +ext4\\b.*"), said);
        assertTrue(said.contains("would partition /dev/vdb as /dev/vdb was (exactly)"), said);
        assertTrue(said.contains("/dev/vdb (512 MiB, mbr)"), said);
        assertTrue(said.matches("(?s).*ext4 /data.*"), said);
        assertTrue(said.matches("(?s).*\\n +/dev/vda3 +\\S+ \\S+ +swap +\\[swap\\]\\n.*"), said);
        assertTrue(said.contains("nuke: dry run, no disk was changed"), said);
    }

    private static void assertFs(Layout l, String device, String type, String uuid, String label) {
        FileSystem f = l.fileSystem(device).orElseThrow(() -> new AssertionError("no filesystem on " + device));
        assertEquals(type, f.type(), device);
        assertEquals(uuid.toLowerCase(), f.uuid().toLowerCase(), device);
        assertEquals(label, f.label(), device);
    }

    private static String[] share(String tag, Path dir, boolean readOnly) {
        return new String[] {"-fsdev", "local,id=" + tag + ",path=" + dir.toAbsolutePath() + ",security_model=none"
                + (readOnly ? ",readonly=on" : ""), "-device", "virtio-9p-pci,fsdev=" + tag + ",mount_tag=" + tag};
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A root of the host's userland over 9p (as mindi/src/test/resources/layout/capture/capture-vm.sh). */
    static final String INIT = """
            #!/bin/sh
            mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
            while read -r m; do insmod "$m" 2>/dev/null; done < /lib/modules/load.order
            mkdir -p /r; mount -t tmpfs -o mode=755 root /r
            cd /r && mkdir -p usr hostetc out checkout kernel dev proc sys run tmp var/tmp var/log mnt root data
            for l in bin sbin lib lib64; do ln -s usr/$l /r/$l; done
            for t in usr etc checkout kernel; do
              d=$t; [ $t = etc ] && d=hostetc
              mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 $t /r/$d
            done
            mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 out /r/out
            cp -a /r/hostetc /r/etc; umount /r/hostetc; rmdir /r/hostetc
            mount --move /dev /r/dev; mount --move /proc /r/proc; mount --move /sys /r/sys
            hostname layout-vm
            chroot /r /bin/bash /out/guest.sh > /r/out/guest.log 2>&1 && echo GUEST-OK || echo GUEST-FAILED
            sync
            poweroff -f
            """;

    private static String guestScript(TestKernel k) {
        return """
                set -euxo pipefail
                export PATH=/usr/sbin:/usr/bin HOME=/root
                mkdir -p /run/udev
                /usr/lib/systemd/systemd-udevd --daemon --resolve-names=never
                udevadm trigger --action=add --type=subsystems
                udevadm trigger --action=add --type=devices
                udevadm settle
                sfdisk -q /dev/vda <<'EOF'
                label: gpt
                start=2048, size=64MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System Partition"
                size=256MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="root"
                type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F, name="swap"
                EOF
                sfdisk -q /dev/vdb <<'EOF'
                label: dos
                start=2048, size=200MiB, type=83
                type=83
                EOF
                udevadm settle
                mkfs.vfat -F 32 -n VMESP -i %s /dev/vda1
                mkfs.ext4 -q -F -L vmroot -U %s /dev/vda2
                mkswap -L vmswap -U %s /dev/vda3
                mkfs.ext4 -q -F -L vmdata -U %s /dev/vdb1
                mkfs.ext4 -q -F -L vmspare -U %s /dev/vdb2
                udevadm settle
                mount /dev/vdb1 /data
                lsblk -o NAME,SIZE,FSTYPE,UUID,MOUNTPOINT
                cd /out
                /checkout/bin/mindi --makemountlist /out/mountlist.txt
                /checkout/bin/mindi --output /out/rescue.iso -k /kernel/boot/vmlinuz-%s \\
                  --modules-dir /kernel/lib/modules/%s --work /out/work --log /out/mindi.log
                rm -rf /out/work
                umount /data
                """.formatted(ESP_ID, ROOT_UUID, SWAP_UUID, DATA_UUID, SPARE_UUID, k.version(), k.version());
    }
}
