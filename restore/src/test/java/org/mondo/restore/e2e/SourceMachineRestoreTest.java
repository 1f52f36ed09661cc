package org.mondo.restore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.vm.Disk;
import org.mondo.vm.Firmware;
import org.mondo.vm.HostCommand;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.Vm;

/**
 * The mission end to end, on the source machines of test-images/ (Debian 12 with systemd, GRUB,
 * a JDK 25, test data with the fidelity suite's properties and its manifest):
 * <ol>
 * <li>the source machine boots from its own disk and runs mondoarchive -H onto a second disk
 *     (ext4, ISO files, at least two volumes);</li>
 * <li>a new machine with blank disks boots volume 1 (a CD; the disk with the ISO files attached)
 *     and restores in nuke mode unattended (-H: the menu starts RESTORE by itself), then reboots;</li>
 * <li>the restored machine boots from its own disk to multi-user and checks the manifest.</li>
 * </ol>
 * Prints, per scenario, backup time, restore time (power-on to reboot), boot time and the RTO.
 * CI runs bios-mbr (tag ci-vm); the whole matrix is `./run-tests --vm` (docs/testing.md).
 */
@Timeout(value = 150, unit = TimeUnit.MINUTES)
class SourceMachineRestoreTest {
    private static final long GIB = 1L << 30;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    /** A target machine: its disks' size and bus, relative to the source's. */
    record Target(String name, long diskBytes, Disk.Bus bus) {}

    /** In CI (tag ci-vm): ~16 min under TCG with the source image cached, ~20 min when it is built. */
    @Test
    @Tag("ci-vm")
    void biosMbrOntoTheSameDisk() throws Exception {
        scenario("bios-mbr", new Target("same disk", 0, null));
    }

    @Test
    @Tag("vm")
    void biosMbrFromVirtioOntoABiggerNvmeDisk() throws Exception {
        scenario("bios-mbr", new Target("bigger NVMe disk", 5 * GIB, Disk.Bus.NVME));
    }

    @Test
    @Tag("vm")
    void biosGptLvmOntoABiggerDisk() throws Exception {
        scenario("bios-gpt-lvm", new Target("bigger disk", 5 * GIB, null));
    }

    @Test
    @Tag("vm")
    void uefiRaid1OntoSmallerDisks() throws Exception {
        scenario("uefi-raid1", new Target("smaller disks", 5 * GIB / 2, null));
    }

    private void scenario(String layout, Target target) throws Exception {
        Path repo = repoRoot();
        Path images = repo.resolve("test-images");
        Map<String, String> times = new LinkedHashMap<>();
        long t = System.nanoTime();
        Path source = Path.of(lastLine(HostCommand.run(Duration.ofMinutes(60), images.resolve("build-source-vm.sh").toString(), layout)));
        times.put("image (cached or built)", seconds(t));
        Map<String, String> conf = vmConf(source.resolve("vm.conf"));
        boolean uefi = conf.get("firmware").equals("uefi");
        List<String> sourceDisks = List.of(conf.get("disks").split("\\s+"));
        Disk.Bus sourceBus = bus(conf.get("bus"));

        // 1. The backup, inside the source machine, onto a disk of its own.
        Path bkp = tmp.resolve("bkp.img");
        HostCommand.run(Duration.ofMinutes(1), "truncate", "-s", "6G", bkp.toString());
        Path job = Files.createDirectories(tmp.resolve("backup-job"));
        HostCommand.run(Duration.ofMinutes(2), images.resolve("stage-mondo.sh").toString(), job.toString());
        Files.writeString(job.resolve("job.sh"), """
                set -ex
                sh /mnt/job/install-mondo.sh
                dev=/dev/disk/by-id/virtio-MONDOBKP
                mkfs.ext4 -q -F -L MONDOBKP $dev
                mkdir -p /mnt/bkp && mount $dev /mnt/bkp
                mkdir -p /mnt/bkp/tmp /mnt/bkp/scratch
                start=$(date +%s)
                /opt/mondo/bin/mondoarchive -OiH -d /mnt/bkp -s 400m -N -E /mnt/job -T /mnt/bkp/tmp -S /mnt/bkp/scratch
                echo "backup-seconds=$(( $(date +%s) - start ))"
                ls -l /mnt/bkp
                cp /var/log/mondoarchive.log /mnt/job/ || true
                umount /mnt/bkp
                """);
        t = System.nanoTime();
        // One vCPU: under TCG, long JVM runs (jlink, the backup) in a 2-vCPU guest die of SIGSEGV now and
        // then (docs/status.md, known problems); the later -smp wins over boot-source-vm.sh's.
        String rc = runJob(images, source.toString(), job, "-smp", "1", "-drive", "file=" + bkp + ",format=raw,if=none,id=bkp",
                "-device", "virtio-blk-pci,drive=bkp,serial=MONDOBKP");
        String jobLog = Files.readString(job.resolve("job.log"));
        assertEquals("0", rc, "backup job failed:\n" + tail(jobLog));
        Matcher backupSeconds = Pattern.compile("backup-seconds=(\\d+)").matcher(jobLog);
        assertTrue(backupSeconds.find(), jobLog);
        times.put("backup (mondoarchive in the source)", backupSeconds.group(1) + " s");
        times.put("source boot + backup job", seconds(t));
        Matcher volumes = Pattern.compile("mondorescue-(\\d+)\\.iso").matcher(jobLog);
        int maxVolume = 0;
        while (volumes.find()) maxVolume = Math.max(maxVolume, Integer.parseInt(volumes.group(1)));
        assertTrue(maxVolume >= 2, "the backup should span two volumes at least:\n" + tail(jobLog));
        Path volume1 = tmp.resolve("mondorescue-1.iso");
        HostCommand.run(Duration.ofMinutes(2), "debugfs", "-R", "dump /mondorescue-1.iso " + volume1, bkp.toString());

        // 2. nuke on a blank machine.
        Path restored = Files.createDirectories(tmp.resolve("restored"));
        Disk.Bus bus = target.bus() != null ? target.bus() : sourceBus;
        List<Disk> blanks = new ArrayList<>();
        for (String d : sourceDisks) {
            long size = target.diskBytes() > 0 ? target.diskBytes() : Files.size(source.resolve(d));
            HostCommand.run(Duration.ofMinutes(1), "truncate", "-s", String.valueOf(size), restored.resolve(d).toString());
            blanks.add(Disk.existing(restored.resolve(d), Disk.Format.RAW));
        }
        Vm.Builder b = Vm.builder(tmp).name(layout + "-nuke").firmware(uefi ? Firmware.uefi() : Firmware.bios())
                .memoryMb(1536).cpus(1).cdrom(volume1, uefi ? Disk.Bus.SATA : Disk.Bus.IDE);
        for (Disk d : blanks) b.disk(d, bus);
        b.disk(Disk.existing(bkp, Disk.Format.RAW), Disk.Bus.VIRTIO).bootFromCd();
        long restoreSeconds;
        try (Vm vm = b.start()) {
            SerialConsole c = vm.console();
            try {
                c.expect(Pattern.compile("mondo: starting mondorestore -Z nuke"), Duration.ofMinutes(15));
                c.expect(Pattern.compile("would partition /dev/\\S+ as /dev/\\S+"), Duration.ofMinutes(10));
                c.expect("Restore finished. Time per phase:", Duration.ofMinutes(90));
                SerialConsole.Match total = c.expect(Pattern.compile("\\n  total +([^\\n]+)\\n"), Duration.ofMinutes(1));
                times.put("mondorestore phases total", total.group(1).strip());
                c.expect("mondo: rebooting into the restored system", Duration.ofMinutes(5));
                vm.awaitExit(Duration.ofMinutes(3));
                restoreSeconds = vm.uptime().toSeconds();
                times.put("restore (power-on to reboot)", restoreSeconds + " s");
                if (uefi) {
                    // The restored machine must boot by the NVRAM entry nuke made, not by a fallback.
                    String transcript = Files.readString(c.log(), java.nio.charset.StandardCharsets.ISO_8859_1); // firmware output is not UTF-8
                    assertTrue(transcript.contains("mondorestore: UEFI boot entry '")
                            && !transcript.contains("the NVRAM entry could not be written"), "no NVRAM entry made:\n" + tail(transcript));
                }
            } catch (Exception | Error e) {
                System.err.println("nuke of " + layout + " failed; serial transcript " + c.log());
                throw e;
            }
        }
        if (uefi) Files.copy(tmp.resolve(layout + "-nuke-OVMF_VARS.fd"), restored.resolve("vars.fd"));
        Files.writeString(restored.resolve("vm.conf"), "firmware=" + conf.get("firmware") + "\nbus="
                + bus.name().toLowerCase() + "\ndisks=\"" + String.join(" ", sourceDisks) + "\"\nmemory_mb="
                + conf.getOrDefault("memory_mb", "2048") + "\n");

        // 3. The restored machine boots from its own disk and checks the manifest.
        Path check = Files.createDirectories(tmp.resolve("check-job"));
        HostCommand.run(Duration.ofMinutes(2), images.resolve("stage-mondo.sh").toString(), check.toString());
        Files.writeString(check.resolve("job.sh"), "set -e\nbash /mnt/job/check-manifest.sh\nls -l /var/log/mondo/\n");
        String checkRc = runJob(images, restored.toString(), check);
        String checkLog = Files.readString(check.resolve("job.log"));
        assertEquals("0", checkRc, "the restored machine's check failed:\n" + tail(checkLog));
        assertTrue(checkLog.contains("MANIFEST OK"), checkLog);
        assertTrue(checkLog.contains("mondorestore.log"), "the restore log is in the restored system:\n" + checkLog);
        String boot = Files.readString(check.resolve("boot.seconds")).strip();
        times.put("restored machine: power-on to multi-user", boot + " s");
        times.put("RTO (restore + boot)", Math.round(restoreSeconds + Double.parseDouble(boot)) + " s");
        System.out.println("e2e " + layout + " onto " + target.name() + " [" + org.mondo.vm.Accelerator.get() + "]:");
        times.forEach((k, v) -> System.out.printf("  %-42s %s%n", k, v));
    }

    private static String runJob(Path images, String machine, Path job, String... qemuArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(images.resolve("boot-source-vm.sh").toString(), machine, job.toString()));
        cmd.addAll(List.of(qemuArgs));
        try {
            return lastLine(HostCommand.run(Duration.ofMinutes(90), cmd));
        } catch (IOException e) {
            String log = Files.exists(job.resolve("job.log")) ? tail(Files.readString(job.resolve("job.log"))) : "(no job.log)";
            throw new IOException(e.getMessage() + "\njob.log:\n" + log, e);
        }
    }

    private static Map<String, String> vmConf(Path f) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
        }
        return out;
    }

    private static Disk.Bus bus(String name) {
        return switch (name) {
            case "sata" -> Disk.Bus.SATA;
            case "nvme" -> Disk.Bus.NVME;
            default -> Disk.Bus.VIRTIO;
        };
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String tail(String s) {
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    private static String seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e9) + " s";
    }

    private static Path repoRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-images")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
        }
        throw new IOException("no checkout above " + Path.of("").toAbsolutePath());
    }
}
