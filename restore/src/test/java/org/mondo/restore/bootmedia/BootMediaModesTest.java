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
 * The boot menu's modes under SeaBIOS (IDE CD, one blank virtio disk): {@code compare} and {@code nuke dryrun} typed
 * at isolinux's {@code boot:} prompt start {@code mondorestore -Z MODE --boot-env}, which shows the backup and the
 * disks, enters the mode, and ends; /init then says how it ended and opens the shell. Neither may write to the
 * disk. Prints the time from QEMU's start to mondorestore's start.
 */
@Tag("vm")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BootMediaModesTest extends BootMediaTestBase {
    @Test
    void compareShowsTheBackupAndTheDisksAndChangesNothing() throws Exception {
        bootMode("compare", "compare", c -> c.expect(Pattern.compile(
                "(?m)^compare: (the backup carries no disk layout|would mount|comparing)"), Duration.ofMinutes(3)));
    }

    @Test
    void nukeDryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        bootMode("nuke dryrun", "nuke", c -> {
            SerialConsole.Match m = c.expect(Pattern.compile(
                    "would partition /dev/\\S+ as \\S+|nuke: the backup carries no disk layout"), Duration.ofMinutes(3));
            if (m.group().startsWith("would partition")) {
                c.expect("nuke: dry run, no disk was changed", Duration.ofMinutes(1));
            }
        });
    }

    private interface ModeChecks {
        void run(SerialConsole c);
    }

    /** Boots with {@code words} at the prompt and checks what every mode prints, then {@code checks}. */
    private void bootMode(String words, String mode, ModeChecks checks) throws Exception {
        String name = "bios-" + words.replace(' ', '-');
        Disk blank = Disk.create(tmp, "blank.qcow2", 2 * BootMedia.GIB, Disk.Format.QCOW2);
        String before = blank.sha256();
        Vm.Builder b = Vm.builder(tmp).name(name).firmware(Firmware.bios()).memoryMb(1024).cpus(2)
                .cdrom(backup.iso(), Disk.Bus.IDE)
                .disk(blank, Disk.Bus.VIRTIO)
                .bootFromCd();
        try (Vm vm = b.start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match prompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine(words);
                c.expect("mondo: mode: " + mode, Duration.ofMinutes(5));
                SerialConsole.Match started = c.expect(BootMedia.MONDORESTORE_STARTED, Duration.ofMinutes(5));
                assertEquals(mode, started.group(1), "mondorestore's mode");
                c.expect("Mondo restore: backup " + backup.id(), Duration.ofMinutes(3));
                c.expect("Disks of this machine:", Duration.ofMinutes(1));
                c.expect(Pattern.compile("\\n  /dev/vda  2\\.0 GiB"), Duration.ofMinutes(1));
                SerialConsole.Match modeLine = c.expect(Pattern.compile("\\nmode: " + mode + "\\b[^\\n]*\\n"),
                        Duration.ofMinutes(1));
                if (words.contains("dryrun")) {
                    assertTrue(modeLine.group().contains("dryrun"), "the word dryrun did not reach mondorestore: "
                            + modeLine.group().strip());
                }
                checks.run(c);
                SerialConsole.Match end = c.expect(Pattern.compile(
                        "mondo: mondorestore -Z " + mode + " (ended with status \\d+|finished)\\n"), Duration.ofMinutes(3));
                c.expect(BootMedia.PROMPT, Duration.ofMinutes(1));
                timings.add(name + ": SeaBIOS, IDE CD + virtio (" + b.machineType() + ")", vm, "boot:", prompt,
                        "mondorestore -Z started", started, "mondorestore ended", end);
                System.out.println("boot media: " + words + ": " + end.group().strip());
                BootMedia.powerOff(vm);
            });
        }
        assertEquals(before, blank.sha256(), words + " changed the blank disk " + blank.path());
    }
}
