package org.mondo.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VM harness itself: a direct kernel boot that sees virtio, SATA (AHCI) and NVMe disks, and an ISO booted
 * through isolinux under SeaBIOS and through GRUB under OVMF, all driven over the serial console. A failed
 * test keeps its temporary directory (serial transcripts, QEMU logs).
 */
@Tag("vm")
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class VmHarnessTest {
    private static final String MARKER = "HARNESS-MARKER";
    private static final long MIB = 1 << 20;

    /** Mounts the API file systems, loads the modules, waits for the disks named by harness.expect=, lists them. */
    private static final String INIT = """
            #!/bin/sh
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            echo "HARNESS-INIT: $(cut -d' ' -f1 /proc/uptime)"
            while read -r m; do
              insmod "$m" 2>/dev/null || echo "HARNESS: insmod ${m##*/} failed"
            done < /lib/modules/load.order
            want=$(sed -n 's/.*harness\\.expect=\\([^ ]*\\).*/\\1/p' /proc/cmdline | tr , ' ')
            i=0
            while [ $i -lt 150 ]; do
              missing=
              for d in $want; do [ -e /sys/block/$d ] || missing="$missing $d"; done
              [ -z "$missing" ] && break
              sleep 0.1
              i=$((i + 1))
            done
            echo "HARNESS-BLOCK: $(ls /sys/block | tr '\\n' ' ')"
            echo "%s uptime $(cut -d' ' -f1 /proc/uptime)"
            poweroff -f
            """.formatted(MARKER);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path shared;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private static TestKernel kernel;
    private static Path initrd;
    private static Path iso;
    private static final List<String> TIMINGS = new ArrayList<>();

    @BeforeAll
    static void buildMedia() throws IOException {
        kernel = TestKernel.debian();
        Initramfs fs = Initramfs.create().busybox()
                .modules(kernel, "virtio_pci", "virtio_blk", "ahci", "sd_mod", "nvme", "sr_mod")
                .init(INIT);
        initrd = fs.write(shared.resolve("harness.cpio.gz"), true);
        iso = shared.resolve("hello.iso");
        HostCommand.run(Duration.ofMinutes(3), "sh", TestImages.script("make-hello-iso.sh").toString(),
                kernel.vmlinuz().toString(), initrd.toString(), iso.toString());
        System.out.println("VM harness: accelerator " + Accelerator.decision());
    }

    @AfterAll
    static void printTimings() {
        TIMINGS.forEach(t -> System.out.println("VM harness timing: " + t));
    }

    @Test
    void directKernelBootSeesVirtioSataAndNvmeDisks() throws IOException {
        Disk virtio = Disk.create(tmp, "virtio.qcow2", 64 * MIB, Disk.Format.QCOW2);
        Disk sata = Disk.create(tmp, "sata.raw", 64 * MIB, Disk.Format.RAW);
        Disk nvme = Disk.create(tmp, "nvme.qcow2", 64 * MIB, Disk.Format.QCOW2);
        Map<Disk, String> before = Map.of(virtio, virtio.sha256(), sata, sata.sha256(), nvme, nvme.sha256());
        Vm.Builder b = Vm.builder(tmp).name("direct")
                .kernel(kernel.vmlinuz(), initrd, "console=ttyS0,115200 panic=-1 harness.expect=vda,sda,nvme0n1,sr0")
                .disk(virtio, Disk.Bus.VIRTIO)
                .disk(sata, Disk.Bus.SATA)
                .disk(nvme, Disk.Bus.NVME)
                .disk(Disk.emptyCdrom(), Disk.Bus.SATA);
        try (Vm vm = b.start()) {
            keepTranscriptOnFailure(vm, () -> {
                Monitor monitor = vm.monitor();
                assertTrue(monitor.command("info status").contains("running"), "info status");
                monitor.change("cd0", iso);
                assertTrue(monitor.command("info block cd0").contains(iso.getFileName().toString()), "ISO inserted");
                monitor.eject("cd0", true);
                assertTrue(monitor.command("info block cd0").contains("not inserted"), "ISO ejected");
                monitor.change("cd0", iso);

                SerialConsole c = vm.console();
                SerialConsole.Match banner = c.expect("Linux version", Duration.ofMinutes(2));
                SerialConsole.Match block = c.expect(Pattern.compile("HARNESS-BLOCK: (.*)"), Duration.ofMinutes(3));
                List<String> devices = List.of(block.group(1).strip().split("\\s+"));
                for (String d : List.of("vda", "sda", "nvme0n1", "sr0")) {
                    assertTrue(devices.contains(d), d + " missing from /sys/block: " + devices);
                }
                SerialConsole.Match marker = c.expect(MARKER, Duration.ofMinutes(1));
                assertEquals(0, vm.awaitExit(Duration.ofMinutes(1)), "QEMU exit status");
                timing("direct -kernel, q35, virtio+SATA+NVMe+CD", vm, banner, marker);
            });
        }
        for (Map.Entry<Disk, String> e : before.entrySet()) {
            assertEquals(e.getValue(), e.getKey().sha256(), e.getKey() + " changed");
        }
    }

    @Test
    void isolinuxIsoBootsUnderSeaBios() throws IOException {
        Vm.Builder b = Vm.builder(tmp).name("bios-iso").firmware(Firmware.bios())
                .cdrom(iso, Disk.Bus.IDE).bootFromCd();
        try (Vm vm = b.start()) {
            keepTranscriptOnFailure(vm, () -> {
                SerialConsole c = vm.console();
                c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("hello");
                SerialConsole.Match banner = c.expect("Linux version", Duration.ofMinutes(4));
                SerialConsole.Match marker = c.expect(MARKER, Duration.ofMinutes(3));
                assertEquals(0, vm.awaitExit(Duration.ofMinutes(1)), "QEMU exit status");
                timing("ISO, SeaBIOS, isolinux, IDE CD (" + b.machineType() + ")", vm, banner, marker);
            });
        }
    }

    @Test
    void grubEfiIsoBootsUnderOvmf() throws IOException {
        Vm.Builder b = Vm.builder(tmp).name("uefi-iso").firmware(Firmware.uefi())
                .cdrom(iso, Disk.Bus.SATA).bootFromCd();
        try (Vm vm = b.start()) {
            keepTranscriptOnFailure(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match banner = c.expect("Linux version", Duration.ofMinutes(5));
                SerialConsole.Match marker = c.expect(MARKER, Duration.ofMinutes(3));
                assertEquals(0, vm.awaitExit(Duration.ofMinutes(1)), "QEMU exit status");
                timing("ISO, OVMF, GRUB EFI, SATA CD (" + b.machineType() + ")", vm, banner, marker);
            });
        }
    }

    @Test
    void everyBusIsAcceptedAndCloseKillsQemu() throws IOException {
        Disk usb = Disk.create(tmp, "usb.qcow2", 16 * MIB, Disk.Format.QCOW2);
        Disk ide = Disk.create(tmp, "ide.raw", 16 * MIB, Disk.Format.RAW);
        Disk overlay = ide.overlay(tmp, "ide-overlay.qcow2");
        Vm.Builder b = Vm.builder(tmp).name("buses").machine("pc").memoryMb(256)
                .disk(usb, Disk.Bus.USB).disk(overlay, Disk.Bus.IDE).disk(Disk.emptyCdrom(), Disk.Bus.IDE)
                .disk(Disk.create(tmp, "v.raw", MIB, Disk.Format.RAW), Disk.Bus.VIRTIO)
                .disk(Disk.create(tmp, "s.raw", MIB, Disk.Format.RAW), Disk.Bus.SATA)
                .disk(Disk.create(tmp, "n.raw", MIB, Disk.Format.RAW), Disk.Bus.NVME);
        ProcessHandle qemu;
        try (Vm vm = b.start()) {
            keepTranscriptOnFailure(vm, () -> {
                String block = vm.monitor().command("info block");
                for (String id : List.of("disk0", "disk1", "cd0", "disk2", "disk3", "disk4")) {
                    assertTrue(block.contains(id), id + " missing from: " + block);
                }
                assertTrue(block.contains("ide-overlay.qcow2"), block);
                assertTrue(vm.monitor().command("info usb").contains("QEMU USB MSD"), "usb-storage");
                vm.console().expect("SeaBIOS", Duration.ofMinutes(1));
            });
            qemu = ProcessHandle.of(vm.pid()).orElseThrow();
            assertTrue(vm.isAlive());
        }
        assertTrue(!qemu.isAlive(), "QEMU survived close()");
    }

    private interface Body {
        void run() throws IOException;
    }

    /** Prints where the transcript is when the body fails (the failed test's temp dir is kept). */
    private static void keepTranscriptOnFailure(Vm vm, Body body) throws IOException {
        try {
            body.run();
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("VM " + vm.name() + " failed; serial transcript " + vm.console().log()
                    + ", QEMU log " + vm.console().qemuLog());
            throw e;
        }
    }

    private static void timing(String what, Vm vm, SerialConsole.Match banner, SerialConsole.Match marker) {
        String line = String.format("%s [%s]: kernel banner %.1f s, marker %.1f s, QEMU exit %.1f s", what,
                vm.accelerator(), seconds(banner.elapsed()), seconds(marker.elapsed()), seconds(vm.uptime()));
        synchronized (TIMINGS) {
            TIMINGS.add(line);
        }
        System.out.println("VM harness timing: " + line);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
