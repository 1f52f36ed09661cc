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
 * Volume 1 under UEFI (OVMF), CD on SATA, one blank virtio disk: GRUB's menu (interactive, nuke, compare, expert)
 * is driven with three down-arrow keys and Enter to {@code expert}, which gives the {@code mondo# } shell of a
 * kernel booted through EFI (/sys/firmware/efi exists).
 */
@Tag("vm")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class BootMediaUefiTest extends BootMediaTestBase {
    @Test
    void grubMenuExpertEntryGivesTheShellUnderOvmf() throws Exception {
        Disk blank = Disk.create(tmp, "blank.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
        String before = blank.sha256();
        Vm.Builder b = Vm.builder(tmp).name("uefi-expert").firmware(Firmware.uefi()).memoryMb(1024).cpus(2)
                .cdrom(backup.iso(), Disk.Bus.SATA)
                .disk(blank, Disk.Bus.VIRTIO)
                .bootFromCd();
        try (Vm vm = b.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                // GRUB falling back to its prompt (a module or grub.cfg not found) ends the wait at once.
                c.failOn(Pattern.compile("error: file `[^']*' not found\\.?"));
                // The menu is drawn, then the countdown starts: any key stops it.
                SerialConsole.Match menu = c.expect(Pattern.compile("expert[\\s\\S]*?executed automatically"),
                        Duration.ofMinutes(5));
                // The entry's hotkey: arrow keys arrive over a slow serial line as a lone ESC, which leaves the menu.
                c.send("4");
                SerialConsole.Match cmdline = c.expect(Pattern.compile("mondo: command line: ([^\\n]*)\\n"),
                        Duration.ofMinutes(5));
                assertTrue(cmdline.group(1).matches(".*\\bexpert\\b.*"),
                        "GRUB did not boot the expert entry: " + cmdline.group(1));
                c.expect("mondo: mode: expert", Duration.ofMinutes(1));
                SerialConsole.Match found = c.expect(Pattern.compile(
                        "mondo: found volume 1 of backup " + Pattern.quote(backup.id()) + " on (\\S+)\\n"),
                        Duration.ofMinutes(3));
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                SerialConsole.Match shell = c.expect(BootMedia.PROMPT, Duration.ofMinutes(2));
                timings.add("uefi-expert: OVMF, GRUB, SATA CD + virtio (" + b.machineType() + ")", vm,
                        "GRUB menu", menu, "medium found", found, "mondo# shell", shell);

                BootMedia.Shell efi = BootMedia.sh(c, "ls /sys/firmware/efi", Duration.ofSeconds(30));
                assertEquals(0, efi.status(), "no /sys/firmware/efi in the guest: " + efi.output());
                assertTrue(efi.words().contains("efivars") || efi.words().contains("runtime"),
                        "/sys/firmware/efi: " + efi.words());
                BootMedia.Shell medium = BootMedia.sh(c, "cat /tmp/mondo-medium", Duration.ofSeconds(30));
                assertTrue(medium.output().strip().matches("/dev/sr\\d+"), "medium: " + medium.output());
                BootMedia.Shell block = BootMedia.sh(c, "ls /sys/block | tr '\\n' ' '", Duration.ofSeconds(30));
                assertTrue(block.words().contains("vda"), "vda missing from /sys/block: " + block.words());
                BootMedia.powerOff(vm);
            });
        }
        assertEquals(before, blank.sha256(), "an expert boot changed the blank disk");
    }
}
