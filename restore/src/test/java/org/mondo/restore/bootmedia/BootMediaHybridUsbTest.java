package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Volume 1 is isohybrid: the same image, written to a USB stick (here a qcow2 overlay of the ISO on usb-storage),
 * is the only boot device under SeaBIOS. isolinux's {@code boot:} prompt comes up, {@code expert} reaches the shell,
 * and /init found the medium by backup id on a disk (/dev/sdX), not on a CD.
 */
@Tag("vm")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class BootMediaHybridUsbTest extends BootMediaTestBase {
    @Test
    void isoWrittenToAUsbDiskBootsToTheExpertShell() throws Exception {
        // An overlay: the guest sees the ISO's bytes and cannot change the image the other tests use.
        Disk stick = Disk.existing(backup.iso(), Disk.Format.RAW).overlay(tmp, "usb-stick.qcow2");
        Vm.Builder b = Vm.builder(tmp).name("usb-expert").firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .disk(stick, Disk.Bus.USB)
                .bootFrom(stick);
        try (Vm vm = b.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match prompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("expert");
                c.expect("mondo: mode: expert", Duration.ofMinutes(5));
                SerialConsole.Match found = c.expect(Pattern.compile(
                        "mondo: found volume 1 of backup " + Pattern.quote(backup.id()) + " on (\\S+)\\n"),
                        Duration.ofMinutes(3));
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                SerialConsole.Match shell = c.expect(BootMedia.PROMPT, Duration.ofMinutes(2));
                timings.add("usb-expert: SeaBIOS, isohybrid image on USB (" + b.machineType() + ")", vm,
                        "boot:", prompt, "medium found", found, "mondo# shell", shell);

                BootMedia.Shell medium = BootMedia.sh(c, "cat /tmp/mondo-medium", Duration.ofSeconds(30));
                assertEquals(0, medium.status(), "cat /tmp/mondo-medium: " + medium.output());
                assertTrue(medium.output().strip().matches("/dev/sd[a-z]+\\d*"),
                        "/tmp/mondo-medium should name the USB disk (/dev/sdX): " + medium.output());
                assertEquals(found.group(1), medium.output().strip(), "/init's log and /tmp/mondo-medium differ");
                // q35 keeps its default (empty) CD drive: /init must have passed over it to the USB disk.
                BootMedia.Shell block = BootMedia.sh(c, "ls /sys/block | tr '\\n' ' '", Duration.ofSeconds(30));
                assertTrue(block.words().contains(medium.output().strip().replaceAll("^/dev/|\\d+$", "")),
                        "the medium's disk is not in /sys/block: " + block.words());
                BootMedia.powerOff(vm);
            });
        }
    }
}
