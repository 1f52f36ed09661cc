package org.mondo.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the VM harness that need no QEMU: escape filtering, the cpio writer, the console, command lines. */
class VmSupportTest {
    @TempDir
    Path tmp;

    @Test
    void ansiFilterDropsEscapesEvenWhenSplit() {
        StringBuilder out = new StringBuilder();
        AnsiFilter f = new AnsiFilter();
        f.filter("\u001b[2J\u001b[1;1Hboot\u001b[0", out);
        f.filter("m: \u001b]0;title\u0007ok\r\n\u001b(Bx\u001b[?25l", out);
        assertEquals("\nboot: ok\nx", out.toString());
    }

    @Test
    void initramfsIsNewcCpioWithParentsFirst() throws IOException {
        Path cpio = Initramfs.create()
                .file("/etc/motd", "hi\n", 0644)
                .symlink("/bin/sh", "busybox")
                .charDevice("/dev/console", 5, 1, 0600)
                .init("#!/bin/sh\n")
                .write(tmp.resolve("a.cpio"), false);
        String listing = HostCommand.run(Duration.ofSeconds(20), "sh", "-c", "cpio -itv < " + cpio + " 2>/dev/null");
        List<String> names = HostCommand.run(Duration.ofSeconds(20), "sh", "-c", "cpio -it < " + cpio + " 2>/dev/null")
                .lines().toList();
        assertEquals(List.of("etc", "etc/motd", "bin", "bin/sh", "dev", "dev/console", "init"), names);
        assertTrue(listing.contains("crw-------"), listing);
        assertTrue(listing.contains("bin/sh -> busybox"), listing);
        Path gz = Initramfs.create().file("/x", "y", 0600).write(tmp.resolve("b.cpio.gz"), true);
        assertEquals("x\n", HostCommand.run(Duration.ofSeconds(20), "sh", "-c", "zcat " + gz + " | cpio -it 2>/dev/null"));
    }

    @Test
    void consoleExpectsSendsAndReportsFailures() throws Exception {
        Process p = new ProcessBuilder("sh", "-c",
                "printf '\\033[2Jhello\\r\\nboot: '; read x; echo \"got $x\"; echo 'Kernel panic - not syncing: x'; sleep 30")
                .start();
        Path log = tmp.resolve("serial.log");
        SerialConsole c = new SerialConsole(p, log, tmp.resolve("qemu.log"), Duration.ZERO, System.nanoTime());
        try {
            c.expect("boot:", Duration.ofSeconds(10));
            c.send("hello\n"); // a guest tty maps sendLine's CR to NL; sh reading a pipe does not
            assertEquals("hello", c.expect(Pattern.compile("got (\\w+)"), Duration.ofSeconds(10)).group(1));
            AssertionError panic = assertThrows(AssertionError.class, () -> c.expect("never", Duration.ofSeconds(10)));
            assertTrue(panic.getMessage().contains("Kernel panic"), panic.getMessage());
            assertTrue(panic.getMessage().contains(log.toString()), panic.getMessage());
            c.clearFailOn();
            AssertionError timeout = assertThrows(AssertionError.class, () -> c.expect("never", Duration.ofMillis(300)));
            assertTrue(timeout.getMessage().startsWith("no /\\Qnever\\E/ within 0 s"), timeout.getMessage());
            assertTrue(timeout.getMessage().contains("CPU used, last console output"), timeout.getMessage());
            assertTrue(Files.readString(log).contains("\u001b[2Jhello\r\n"), "raw transcript keeps the escapes");
        } finally {
            p.destroyForcibly();
            c.close();
        }
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void aCrashedJvmInTheGuestEndsTheWaitAtOnce() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf '# A fatal error has been detected by the Java Runtime"
                + " Environment:\\r\\n# Problematic frame:\\r\\n# J 289 c1 java.lang.Foo.bar()V\\r\\n'; sleep 30").start();
        SerialConsole c = new SerialConsole(p, tmp.resolve("s.log"), tmp.resolve("q.log"), Duration.ZERO, System.nanoTime());
        try {
            long start = System.nanoTime();
            AssertionError crash = assertThrows(AssertionError.class, () -> c.expect("done", Duration.ofSeconds(25)));
            assertTrue(crash.getMessage().contains("J 289 c1 java.lang.Foo.bar()V"), crash.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "waited for the timeout");
        } finally {
            p.destroyForcibly();
            c.close();
        }
    }

    @Test
    void commandLineAttachesEachBus() throws IOException {
        Disk a = Disk.create(tmp, "a.qcow2", 1 << 20, Disk.Format.QCOW2);
        Disk b = Disk.create(tmp, "b,c.raw", 1 << 20, Disk.Format.RAW);
        Disk cd = Disk.cdrom(tmp.resolve("x.iso"));
        Vm.Builder builder = Vm.builder(tmp).accelerator(Accelerator.TCG)
                .disk(a, Disk.Bus.VIRTIO).disk(b, Disk.Bus.SATA).disk(a, Disk.Bus.NVME).disk(b, Disk.Bus.USB)
                .disk(cd, Disk.Bus.SATA).bootFromCd();
        String cmd = String.join(" ", builder.command());
        assertTrue(cmd.startsWith("qemu-system-x86_64 -name vm -machine q35 -accel tcg,thread=single -cpu max -m 1024 -smp 2 -nographic -serial stdio"), cmd);
        assertTrue(cmd.contains("-drive if=none,id=disk0,format=qcow2,file=" + tmp.resolve("a.qcow2")
                + " -device virtio-blk-pci,drive=disk0"), cmd);
        assertTrue(cmd.contains("-device ahci,id=ahci0 -device ide-hd,drive=disk1,bus=ahci0.0"), cmd);
        assertTrue(cmd.contains("file=" + tmp.resolve("b,,c.raw")), cmd);
        assertTrue(cmd.contains("-device nvme,drive=disk2,serial=mondo-disk2"), cmd);
        assertTrue(cmd.contains("-device qemu-xhci,id=xhci -device usb-storage,drive=disk3"), cmd);
        assertTrue(cmd.contains("-drive if=none,id=cd0,media=cdrom,readonly=on,format=raw,file=" + tmp.resolve("x.iso")
                + " -device ide-cd,drive=cd0,bus=ahci0.1,bootindex=0"), cmd);
        assertTrue(cmd.contains("-no-reboot"), cmd);
        assertEquals("pc", Vm.builder(tmp).cdrom(cd.path(), Disk.Bus.IDE).machineType());
        assertThrows(IllegalArgumentException.class, () -> Vm.builder(tmp).disk(cd, Disk.Bus.NVME));
        assertEquals(a.sha256(), Disk.existing(a.path(), Disk.Format.QCOW2).sha256());
    }
}
