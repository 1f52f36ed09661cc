package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * mindi alone (no backup) makes the rescue disc of this machine: a 0600 ISO, no .partial left. Booted under SeaBIOS
 * from an IDE CD with a blank virtio disk, isolinux's default entry (Enter at {@code boot:}) is {@code expert}; /init
 * finds the disc by its rescue id and opens the {@code mondo# } shell, where the restore tools and mondorestore run;
 * mondorestore in a restore mode says the disc carries no backup. The blank disk comes back unchanged.
 */
@Tag("vm")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RescueDiscTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void mindiAloneMakesARescueDiscThatBootsToAShellWithTheTools() throws Exception {
        BootMedia.Rescue rescue = BootMedia.rescueDisc(tmp);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rescue.iso())));
        assertFalse(Files.exists(tmp.resolve("mondorescue.iso.partial")));
        assertTrue(rescue.id().matches("rescue-[0-9a-f-]{36}"), rescue.id());

        Disk blank = Disk.create(tmp, "blank.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
        String before = blank.sha256();
        Vm.Builder b = Vm.builder(tmp).name("rescue-bios").firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .cdrom(rescue.iso(), Disk.Bus.IDE)
                .disk(blank, Disk.Bus.VIRTIO)
                .bootFromCd();
        BootMedia.Timings timings = new BootMedia.Timings();
        try (Vm vm = b.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match prompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine(""); // the default entry
                SerialConsole.Match cmdline = c.expect(Pattern.compile("mondo: command line: ([^\\n]*)\\n"),
                        Duration.ofMinutes(5));
                assertTrue(cmdline.group(1).matches(".*\\bexpert\\b.*"), "not the expert entry: " + cmdline.group(1));
                c.expect("mondo: mode: expert", Duration.ofMinutes(1));
                SerialConsole.Match found = c.expect(Pattern.compile(
                        "mondo: found rescue disc " + Pattern.quote(rescue.id()) + " on (\\S+)\\n"), Duration.ofMinutes(3));
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                SerialConsole.Match shell = c.expect(BootMedia.PROMPT, Duration.ofMinutes(2));
                timings.add("rescue-bios: SeaBIOS, IDE CD + virtio (" + b.machineType() + "), default entry", vm,
                        "boot:", prompt, "disc found", found, "mondo# shell", shell);

                BootMedia.Shell tools = BootMedia.sh(c, "sfdisk --version && mdadm --version && lvm version"
                        + " && mkfs.ext4 -V && parted --version | head -1", Duration.ofMinutes(2));
                assertEquals(0, tools.status(), "a tool is missing: " + tools.output());
                for (String s : new String[] {"sfdisk from util-linux", "mdadm - v", "LVM version", "mke2fs"}) {
                    assertTrue(tools.output().contains(s), s + " not in: " + tools.output());
                }
                BootMedia.Shell help = BootMedia.sh(c, "mondorestore --help", Duration.ofMinutes(3));
                assertEquals(0, help.status(), "mondorestore --help: " + help.output());
                assertTrue(help.output().contains("--restore-to"), help.output());
                BootMedia.Shell id = BootMedia.sh(c, "cat /etc/mondo/rescue-id", Duration.ofSeconds(30));
                assertEquals(rescue.id(), id.output().strip());
                BootMedia.Shell nuke = BootMedia.sh(c, "mondorestore -Z nuke --boot-env", Duration.ofMinutes(3));
                assertEquals(1, nuke.status(), nuke.output());
                assertTrue(nuke.output().contains("Mondo rescue disc " + rescue.id()), nuke.output());
                assertTrue(nuke.output().contains("this rescue disc carries no backup"), nuke.output());
                BootMedia.powerOff(vm);
            });
        }
        assertEquals(before, blank.sha256(), "the rescue disc's boot changed the blank disk");
    }
}
