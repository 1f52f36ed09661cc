package org.mondo.vm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * KVM or TCG, decided once per JVM. {@code /dev/kvm} being there proves nothing (a paravirtual kvm_pvm opens,
 * creates VMs, then fails on real guests), so KVM is chosen only if a real smoke boot works: Debian's kernel
 * with a busybox initramfs that prints a marker and powers off, {@code -accel kvm -cpu host}, 40 s at most.
 * The answer is cached in {@code /var/cache/mondo-test/accel/} keyed by host boot id, host kernel release and
 * QEMU version, so later runs skip the probe. {@code MONDO_QEMU_ACCEL=kvm|tcg} (or
 * {@code -Dmondo.qemu.accel}) overrides.
 */
public enum Accelerator {
    KVM("kvm", "host", Duration.ofMillis(5)),
    /*
     * One host thread for all vCPUs: with multi-threaded TCG a JDK 25 guest died once in CI (one of some forty guest JVM runs) with
     * SIGILL in freshly patched C1 code (HotSpot still patches the entries of compiled methods while other
     * threads run them; JDK 26 drops that). On one thread a vCPU never translates code another is rewriting.
     * {@code -Dmondo.qemu.tcg.thread=multi} brings the parallel mode back.
     */
    TCG("tcg,thread=" + System.getProperty("mondo.qemu.tcg.thread", "single"), "max", Duration.ofMillis(20));

    /** The decision and why it was taken. */
    public record Decision(Accelerator accelerator, String reason) {
    }

    private static final System.Logger LOG = System.getLogger(Accelerator.class.getName());
    private static final String MARKER = "MONDO-ACCEL-SMOKE-OK";
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(40);
    private static Decision decision;

    private final String qemuName;
    private final String cpu;
    private final Duration typingDelay;

    Accelerator(String qemuName, String cpu, Duration typingDelay) {
        this.qemuName = qemuName;
        this.cpu = cpu;
        this.typingDelay = typingDelay;
    }

    /** The accelerator for this JVM's VMs (probes on first call, which may take 40 s). */
    public static Accelerator get() throws IOException {
        return decision().accelerator();
    }

    public static synchronized Decision decision() throws IOException {
        if (decision == null) {
            decision = decide();
            LOG.log(Level.INFO, "QEMU accelerator: {0} ({1})", decision.accelerator(), decision.reason());
        }
        return decision;
    }

    /** {@code -accel kvm -cpu host} or {@code -accel tcg,thread=single -cpu max}. */
    public List<String> qemuArgs() {
        return List.of("-accel", qemuName, "-cpu", cpu);
    }

    /** Delay between characters typed on the serial console. */
    public Duration typingDelay() {
        return typingDelay;
    }

    private static Decision decide() throws IOException {
        String forced = System.getenv("MONDO_QEMU_ACCEL");
        String source = "MONDO_QEMU_ACCEL";
        if (System.getProperty("mondo.qemu.accel") != null) {
            forced = System.getProperty("mondo.qemu.accel");
            source = "-Dmondo.qemu.accel";
        }
        if (forced != null && !forced.isBlank()) {
            return switch (forced.strip().toLowerCase(Locale.ROOT)) {
                case "kvm" -> new Decision(KVM, source + "=kvm");
                case "tcg" -> new Decision(TCG, source + "=tcg");
                default -> throw new IllegalArgumentException(source + " must be kvm or tcg, not " + forced);
            };
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm) || !Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return new Decision(TCG, "no usable /dev/kvm");
        }
        Path dir = TestImages.cacheDir().resolve("accel");
        Files.createDirectories(dir);
        String key = cacheKey();
        Path cached = dir.resolve(key);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock(); // other JVMs (modules built in parallel) wait for one probe
            try {
                return decideLocked(dir, key, cached);
            } finally {
                lock.release();
            }
        }
    }

    private static Decision decideLocked(Path dir, String key, Path cached) throws IOException {
        Decision d = read(cached);
        if (d != null) {
            return d;
        }
        try {
            d = probe(dir.resolve(key + ".log"));
        } catch (IOException e) {
            return new Decision(TCG, "KVM not probed (not cached): " + e.getMessage());
        }
        Path tmp = Files.createTempFile(dir, "accel", ".tmp");
        Files.writeString(tmp, d.accelerator().name() + "\n" + d.reason() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return d;
    }

    private static Decision read(Path cached) throws IOException {
        if (!Files.isRegularFile(cached)) {
            return null;
        }
        List<String> lines = Files.readAllLines(cached, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return null;
        }
        try {
            Accelerator a = valueOf(lines.getFirst().strip());
            return new Decision(a, (lines.size() > 1 ? lines.get(1) : "") + " [cached in " + cached + "]");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** boot id + host kernel release + QEMU version: a new boot, kernel or QEMU probes again. */
    private static String cacheKey() throws IOException {
        String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        String qemu = HostCommand.run(Duration.ofSeconds(20), "qemu-system-x86_64", "--version").lines()
                .findFirst().orElse("?").replaceAll(".*version\\s+", "");
        return (bootId + "_" + release + "_" + qemu).replaceAll("[^A-Za-z0-9._+-]+", "_");
    }

    private static Decision probe(Path transcript) throws IOException {
        String hints = hostHints();
        TestKernel kernel;
        Path work = Files.createTempDirectory("mondo-accel");
        try {
            try {
                kernel = TestKernel.debian();
            } catch (IOException e) {
                throw new IOException("cannot probe KVM without the test kernel: " + e.getMessage(), e);
            }
            Path initrd = Initramfs.smoke(MARKER).write(work.resolve("smoke.cpio"), false);
            Vm.Builder b = Vm.builder(work).name("kvm-smoke").accelerator(KVM).memoryMb(256).cpus(1)
                    .kernel(kernel.vmlinuz(), initrd, "console=ttyS0,115200 panic=-1");
            long t0 = System.nanoTime();
            Vm vm = b.start();
            try {
                vm.console().expect(MARKER, PROBE_LIMIT);
                return new Decision(KVM, String.format("KVM smoke boot reached its marker in %.1f s; %s",
                        (System.nanoTime() - t0) / 1e9, hints));
            } catch (AssertionError e) {
                vm.close();
                String first = e.getMessage().lines().findFirst().orElse("");
                String qemu = Files.readAllLines(vm.console().qemuLog(), StandardCharsets.UTF_8).stream()
                        .skip(1).map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                        .map(l -> "; QEMU: " + l).orElse("");
                return new Decision(TCG, "KVM smoke boot failed: " + first + qemu + "; " + hints
                        + "; transcript " + transcript);
            } finally {
                vm.close();
                Files.copy(vm.console().log(), transcript, StandardCopyOption.REPLACE_EXISTING);
                Files.write(transcript, ("\n--- QEMU log ---\n" + Files.readString(vm.console().qemuLog(),
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** kvm_intel / kvm_amd / kvm_pvm and whether the CPU shows vmx/svm, for the log. */
    private static String hostHints() {
        StringBuilder s = new StringBuilder("host modules:");
        for (String m : List.of("kvm_intel", "kvm_amd", "kvm_pvm")) {
            if (Files.isDirectory(Path.of("/sys/module", m))) {
                s.append(' ').append(m);
            }
        }
        try {
            boolean virt = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .anyMatch(l -> l.startsWith("flags") && (l.contains(" vmx") || l.contains(" svm")));
            s.append(", cpu ").append(virt ? "has" : "lacks").append(" vmx/svm");
        } catch (IOException e) {
            s.append(", no /proc/cpuinfo");
        }
        return s.toString();
    }
}
