package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mondo.vm.Disk;
import org.mondo.vm.Firmware;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.Vm;

/**
 * The memory the boot environment takes (docs/boot-flow.md has the figures). On a 1 GiB machine (SeaBIOS, IDE CD,
 * {@code expert}): /proc/meminfo once stage 2 is unpacked, then the lowest MemAvailable and mondorestore's peak RSS
 * (VmHWM) while {@code mondorestore -Z nuke --boot-env dryrun} runs. Then the small machines of
 * {@code -Dmondo.test.small-memory=MB,MB...} (default 384, the smallest that boots: at 256 stage 2 does not fit
 * in the rootfs, which the kernel limits to half the RAM) must boot {@code nuke dryrun} to mondorestore's end.
 */
@Tag("vm")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class BootMediaMemoryTest extends BootMediaTestBase {
    static final Pattern MEMINFO = Pattern.compile("(?m)^(MemTotal|MemFree|MemAvailable|Shmem|Cached):\\s+(\\d+) kB");
    static final Pattern OUT_OF_MEMORY = Pattern.compile("Kernel panic|Out of memory|oom-kill|mondo: FAILED");

    @Test
    void memoryOnA1GiBMachine() throws Exception {
        try (Vm vm = machine(1024).start()) {
            BootMedia.withTranscript(vm, () -> {
                SerialConsole c = atBootPrompt(vm);
                c.sendLine("expert");
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                c.expect(BootMedia.PROMPT, Duration.ofMinutes(2));
                Map<String, Long> stage2 = meminfo(c);
                BootMedia.Shell rootfs = BootMedia.sh(c, "du -sxk / | cut -f1", Duration.ofMinutes(2));
                BootMedia.Shell run = BootMedia.sh(c, String.join("; ",
                        "mondorestore -Z nuke --boot-env dryrun > /tmp/mr.out 2>&1 & p=$!",
                        "lo=999999999; hi=0",
                        "while kill -0 $p 2>/dev/null; do"
                                + " a=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo);"
                                + " r=$(awk '/^VmHWM:/ {print $2}' /proc/$p/status 2>/dev/null);"
                                + " [ \"$a\" -lt $lo ] && lo=$a; [ -n \"$r\" ] && [ \"$r\" -gt $hi ] && hi=$r;"
                                + " sleep 0.2; done",
                        "wait $p; echo \"rc=$? minAvail=$lo hwm=$hi\"", "grep -c . /tmp/mr.out"),
                        Duration.ofMinutes(5));
                Matcher m = Pattern.compile("rc=(\\d+) minAvail=(\\d+) hwm=(\\d+)").matcher(run.output());
                assertTrue(m.find(), run.output());
                BootMedia.Shell said = BootMedia.sh(c, "head -3 /tmp/mr.out", Duration.ofSeconds(30));
                assertTrue(said.output().contains("Mondo restore: backup " + backup.id()), said.output());
                Map<String, Long> after = meminfo(c);
                System.out.printf("boot media memory, -m 1024: after stage 2 (expert shell): %s; rootfs %s kB;"
                                + " while mondorestore -Z nuke dryrun ran (exit %s): lowest MemAvailable %s kB,"
                                + " mondorestore peak RSS (VmHWM) %s kB; after it: %s%n", stage2,
                        rootfs.output().strip(), m.group(1), m.group(2), m.group(3), after);
                BootMedia.powerOff(vm);
            });
        }
    }

    @Test
    void smallMachinesBootToMondorestore() throws Exception {
        List<String> report = new ArrayList<>();
        for (String mb : System.getProperty("mondo.test.small-memory", "384").split(",")) {
            int memory = Integer.parseInt(mb.strip());
            try (Vm vm = machine(memory).start()) {
                BootMedia.withTranscript(vm, () -> {
                    SerialConsole c = atBootPrompt(vm);
                    c.sendLine("nuke dryrun");
                    SerialConsole.Match started = c.expect(BootMedia.MONDORESTORE_STARTED, Duration.ofMinutes(6));
                    c.expect("Mondo restore: backup " + backup.id(), Duration.ofMinutes(4));
                    SerialConsole.Match end = c.expect(Pattern.compile(
                            "mondo: mondorestore -Z nuke (ended with status \\d+|finished)\\n"), Duration.ofMinutes(4));
                    c.expect(BootMedia.PROMPT, Duration.ofMinutes(1));
                    Map<String, Long> mem = meminfo(c);
                    String line = String.format("-m %d: mondorestore started at %.0f s, %s; then %s", memory,
                            started.elapsed().toMillis() / 1000.0, end.group(1), mem);
                    report.add(line);
                    System.out.println("boot media memory: " + line);
                    BootMedia.powerOff(vm);
                });
            }
        }
        report.forEach(l -> System.out.println("boot media memory: " + l));
    }

    /** SeaBIOS, two vCPUs, {@code mb} MiB, volume 1 on an IDE CD and no disk. */
    private Vm.Builder machine(int mb) {
        return Vm.builder(tmp).name("memory-" + mb).firmware(Firmware.bios()).memoryMb(mb).cpus(2)
                .cdrom(backup.iso(), Disk.Bus.IDE)
                .bootFromCd();
    }

    /** The console, once isolinux's prompt shows; running out of memory ends any wait at once. */
    private static SerialConsole atBootPrompt(Vm vm) {
        SerialConsole c = vm.console().failOn(OUT_OF_MEMORY);
        c.expect("boot:", Duration.ofMinutes(3));
        return c;
    }

    private static Map<String, Long> meminfo(SerialConsole c) {
        BootMedia.Shell s = BootMedia.sh(c, "cat /proc/meminfo", Duration.ofMinutes(1));
        assertEquals(0, s.status(), s.output());
        Map<String, Long> kb = new LinkedHashMap<>();
        Matcher m = MEMINFO.matcher(s.output());
        while (m.find()) kb.put(m.group(1), Long.parseLong(m.group(2)));
        assertEquals(5, kb.size(), s.output());
        return kb;
    }
}
