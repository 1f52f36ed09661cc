package org.mondo.restore.bootmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.mondo.archive.MondoArchive;
import org.mondo.vm.Disk;
import org.mondo.vm.Firmware;
import org.mondo.vm.HostCommand;
import org.mondo.vm.SerialConsole;
import org.mondo.vm.TestKernel;
import org.mondo.vm.Vm;

/**
 * What the BootMedia*Test classes share: one backup with a bootable volume 1 (mondoarchive in this JVM, which
 * runs bin/mindi), typing shell commands at the boot environment's {@code mondo# } prompt and reading their
 * output, and the timings printed for the report.
 */
final class BootMedia {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The boot environment's shell prompt (PS1 of /init's rescue shell). */
    static final Pattern PROMPT = Pattern.compile("mondo# ");
    /** /init's last line before it starts mondorestore. */
    static final Pattern MONDORESTORE_STARTED = Pattern.compile("mondo: starting mondorestore -Z (\\w+)[ \\n]");

    private static final AtomicInteger COMMANDS = new AtomicInteger(100);

    private BootMedia() {}

    /** Volume 1 of the test backup and the backup id written on it. */
    record Backup(Path iso, String id, Path log) {}

    /** The checkout: the directory above the working directory that holds bin/mindi (surefire runs in restore/). */
    static Path repoRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/mindi")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IOException("no checkout (bin/mindi, pom.xml) above " + Path.of("").toAbsolutePath());
    }

    /**
     * Backs up a small tree (a few files, one with a user xattr) into {@code dir/out} with a boot environment for
     * Debian's test kernel, and returns volume 1.
     */
    static Backup build(Path dir) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("etc/mondo-test"));
        Files.writeString(src.resolve("etc/mondo-test/hello.txt"), "hello from the boot-media test\n");
        Files.writeString(src.resolve("notes.txt"), "line 1\nline 2\n");
        Files.write(src.resolve("zeros.bin"), new byte[64 * 1024]);
        Path tagged = src.resolve("tagged.txt");
        Files.writeString(tagged, "with an xattr\n");
        try {
            Files.getFileAttributeView(tagged, UserDefinedFileAttributeView.class)
                    .write("mondo.test", ByteBuffer.wrap("boot-media".getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("boot media: no user xattr on " + tagged + " (" + e.getMessage() + ")");
        }
        return build(dir, List.of(src), List.of());
    }

    /** Backs up {@code includes} with boot media (more mondoarchive arguments in {@code extra}) and returns volume 1. */
    static Backup build(Path dir, List<Path> includes, List<String> extra) throws IOException {
        Path root = repoRoot();
        requireBuilt(root);
        System.setProperty("mondo.home", root.toString());
        TestKernel kernel = TestKernel.debian();
        Path out = dir.resolve("out");
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(out);
        Files.createDirectories(tmp);
        Path log = dir.resolve("archive.log");
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("-O", "-i", "-d", out.toString(), "-I",
                String.join(" ", includes.stream().map(Path::toString).toList()),
                "-k", kernel.vmlinuz().toString(), "--modules-dir", kernel.modulesDir().toString(),
                "-T", tmp.toString(), "--log", log.toString()));
        args.addAll(extra);
        int rc = MondoArchive.execute(args.toArray(String[]::new));
        assertEquals(0, rc, "mondoarchive exit status; log " + log);
        Path iso = out.resolve("mondorescue-1.iso");
        assertTrue(Files.isRegularFile(iso), "no " + iso + "; log " + log);
        Path idFile = dir.resolve("BACKUP-ID");
        HostCommand.run(Duration.ofMinutes(1), "xorriso", "-osirrox", "on", "-indev", iso.toString(),
                "-extract", "/archives/BACKUP-ID", idFile.toString());
        String id = Files.readString(idFile, StandardCharsets.UTF_8).strip();
        System.out.printf("boot media: %s (%d MiB, backup %s) made in %.1f s%n", iso, Files.size(iso) / MIB, id,
                (System.nanoTime() - t0) / 1e9);
        return new Backup(iso, id, log);
    }

    /** A rescue disc of mindi (no backup) and the id written on it. */
    record Rescue(Path iso, String id, Path log) {}

    /**
     * Runs {@code bin/mindi --output DIR/mondorescue.iso} (mindi alone: the rescue disc of this machine) with Debian's
     * test kernel, and returns the disc with the id read back from its {@code mondo/RESCUE-ID}.
     */
    static Rescue rescueDisc(Path dir) throws IOException {
        Path root = repoRoot();
        requireBuilt(root);
        TestKernel kernel = TestKernel.debian();
        Path iso = dir.resolve("mondorescue.iso");
        Path log = dir.resolve("mindi.log");
        long t0 = System.nanoTime();
        String out = HostCommand.run(Duration.ofMinutes(10), root.resolve("bin/mindi").toString(), "--output",
                iso.toString(), "-k", kernel.vmlinuz().toString(), "--modules-dir", kernel.modulesDir().toString(),
                "--log", log.toString());
        Path idFile = dir.resolve("RESCUE-ID");
        HostCommand.run(Duration.ofMinutes(1), "xorriso", "-osirrox", "on", "-indev", iso.toString(),
                "-extract", "/mondo/RESCUE-ID", idFile.toString());
        String id = Files.readString(idFile, StandardCharsets.UTF_8).strip();
        System.out.printf("rescue disc: %s (%d MiB, %s) made in %.1f s; mindi said: %s%n", iso, Files.size(iso) / MIB,
                id, (System.nanoTime() - t0) / 1e9, out.strip());
        return new Rescue(iso, id, log);
    }

    /**
     * mondoarchive runs bin/mindi (mindi/target/mindi.jar and lib/), and mindi puts restore/target/restore.jar and
     * restore/target/lib/ into the boot environment: neither exists before {@code ./mvnw package} has run (in one
     * reactor build, restore's tests run before restore and mindi are packaged). Fails with that said plainly.
     */
    static void requireBuilt(Path root) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String p : List.of("mindi/target/mindi.jar", "mindi/target/lib", "restore/target/restore.jar",
                "restore/target/lib")) {
            if (!Files.exists(root.resolve(p))) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("the boot-media tests need a packaged checkout, missing under " + root + ": "
                    + String.join(", ", missing) + " (run ./mvnw -q package -DskipTests first)");
        }
    }

    /** What a command typed at the prompt printed (standard output and error) and its exit status. */
    record Shell(String output, int status) {
        List<String> words() {
            return output.isBlank() ? List.of() : List.of(output.strip().split("\\s+"));
        }
    }

    /**
     * Types {@code command} at the {@code mondo# } prompt (which must be showing) and waits for its end. The output
     * is framed by two echo lines whose marks come from shell arithmetic, so the echo of the typed line never
     * matches them.
     */
    static Shell sh(SerialConsole c, String command, Duration timeout) {
        int n = COMMANDS.incrementAndGet();
        c.sendLine("echo \":B$((" + n + "))\"; { " + command + " ; } 2>&1; echo \":E$((" + n + ")):$?\"");
        SerialConsole.Match m = c.expect(Pattern.compile(":B" + n + "\\n(.*?):E" + n + ":(\\d+)\\n", Pattern.DOTALL),
                timeout);
        c.expect(PROMPT, Duration.ofSeconds(30));
        return new Shell(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Powers the guest off from the shell and waits for QEMU to end. */
    static void powerOff(Vm vm) {
        vm.console().sendLine("poweroff -f");
        vm.awaitExit(Duration.ofMinutes(1));
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; on any failure prints where the VM's serial transcript and QEMU log are (kept). */
    static void withTranscript(Vm vm, Body body) throws Exception {
        try {
            body.run();
        } catch (Exception | Error e) {
            System.err.println("VM " + vm.name() + " failed; serial transcript " + vm.console().log() + ", QEMU log "
                    + vm.console().qemuLog());
            throw e;
        }
    }

    /**
     * The BIOS expert boot of BootMediaBiosTest and BootMediaSmokeTest: SeaBIOS, volume 1 as a CD on IDE, blank
     * virtio, SATA (AHCI) and NVMe disks; {@code expert} at isolinux's {@code boot:} prompt, then checks from the
     * shell that the three disks are seen, that /tmp/mondo-medium names the CD and that /tmp/mondorestore.log is
     * there; powers off. The blank disks must come back unchanged.
     */
    static void biosExpertWithThreeBuses(Backup backup, Path tmp, String name, Timings timings) throws Exception {
        Disk virtio = Disk.create(tmp, "virtio.qcow2", 2 * GIB, Disk.Format.QCOW2);
        Disk sata = Disk.create(tmp, "sata.qcow2", GIB, Disk.Format.QCOW2);
        Disk nvme = Disk.create(tmp, "nvme.qcow2", GIB, Disk.Format.QCOW2);
        List<String> before = List.of(virtio.sha256(), sata.sha256(), nvme.sha256());
        Vm.Builder b = Vm.builder(tmp).name(name).firmware(Firmware.bios())
                .memoryMb(1024).cpus(2)
                .cdrom(backup.iso(), Disk.Bus.IDE)
                .disk(virtio, Disk.Bus.VIRTIO)
                .disk(sata, Disk.Bus.SATA)
                .disk(nvme, Disk.Bus.NVME)
                .bootFromCd();
        try (Vm vm = b.start()) {
            withTranscript(vm, () -> {
                SerialConsole c = vm.console();
                SerialConsole.Match bootPrompt = c.expect("boot:", Duration.ofMinutes(3));
                c.sendLine("expert");
                c.expect("mondo: mode: expert", Duration.ofMinutes(5));
                SerialConsole.Match found = c.expect(
                        Pattern.compile("mondo: found volume 1 of backup " + Pattern.quote(backup.id()) + " on (\\S+)\\n"),
                        Duration.ofMinutes(3));
                c.expect("mondo: expert mode", Duration.ofMinutes(5));
                SerialConsole.Match shell = c.expect(PROMPT, Duration.ofMinutes(2));
                timings.add(name + ": SeaBIOS, IDE CD + virtio/SATA/NVMe (" + b.machineType() + "), expert", vm,
                        "boot:", bootPrompt, "medium found", found, "mondo# shell", shell);

                Shell block = sh(c, "ls /sys/block | tr '\\n' ' '", Duration.ofSeconds(60));
                for (String d : List.of("vda", "sda", "nvme0n1")) {
                    assertTrue(block.words().contains(d), d + " missing from /sys/block: " + block.words());
                }
                Shell medium = sh(c, "cat /tmp/mondo-medium", Duration.ofSeconds(30));
                assertEquals(0, medium.status(), "cat /tmp/mondo-medium: " + medium.output());
                assertTrue(medium.output().strip().matches("/dev/sr\\d+"),
                        "/tmp/mondo-medium should name the CD (/dev/srN): " + medium.output());
                assertEquals(found.group(1), medium.output().strip(), "/init's log and /tmp/mondo-medium differ");
                Shell log = sh(c, "test -s /tmp/mondorestore.log && grep -c . /tmp/mondorestore.log",
                        Duration.ofSeconds(30));
                assertEquals(0, log.status(), "/tmp/mondorestore.log missing or empty: " + log.output());
                powerOff(vm);
            });
        }
        assertEquals(before, List.of(virtio.sha256(), sata.sha256(), nvme.sha256()), "an expert boot changed a disk");
    }

    /** A line "boot media timing: WHAT [ACCEL]: label1 x s, label2 y s" printed now and kept for the summary. */
    static final class Timings {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String what, Vm vm, Object... labelsAndMatches) {
            StringBuilder s = new StringBuilder(what).append(" [").append(vm.accelerator()).append("]:");
            for (int i = 0; i + 1 < labelsAndMatches.length; i += 2) {
                Duration d = labelsAndMatches[i + 1] instanceof SerialConsole.Match m ? m.elapsed()
                        : (Duration) labelsAndMatches[i + 1];
                s.append(i == 0 ? " " : ", ").append(labelsAndMatches[i]).append(' ')
                        .append(String.format("%.1f s", d.toMillis() / 1000.0));
            }
            lines.add(s.toString());
            System.out.println("boot media timing: " + s);
        }

        synchronized void print() {
            lines.forEach(l -> System.out.println("boot media timing: " + l));
        }
    }
}
