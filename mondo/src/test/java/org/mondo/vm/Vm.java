package org.mondo.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU x86_64 guest: {@code Vm.builder(dir)....start()}, then drive it with {@link #console()} and
 * {@link #monitor()}, and always close it (try-with-resources): close kills QEMU. A JVM shutdown hook kills
 * VMs still running, and QEMU runs under {@code setpriv --pdeathsig KILL} so that it also dies when the JVM is
 * killed outright. All files (serial transcript, QEMU log, monitor socket, UEFI variables) go to the work
 * directory, named after {@link Builder#name}.
 */
public final class Vm implements AutoCloseable {
    private static final Set<Vm> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * Starts every QEMU from one thread that lives as long as the JVM: the parent-death signal is sent when the
     * thread that started the child ends, so a test thread would be the wrong parent.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mondo-vm-launcher");
        t.setDaemon(true);
        return t;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Vm::kill), "mondo-vm-reaper"));
    }

    private final String name;
    private final Path workDir;
    private final Accelerator accelerator;
    private final List<String> command;
    private final Process process;
    private final SerialConsole console;
    private final Path monitorSocket;
    private final Path socketDir;
    private final long startNanos;
    private Monitor monitor;

    private Vm(Builder b, Accelerator accelerator, List<String> command, Path monitorSocket, Path socketDir)
            throws IOException {
        this.name = b.name;
        this.workDir = b.workDir;
        this.accelerator = accelerator;
        this.command = List.copyOf(command);
        this.monitorSocket = monitorSocket;
        this.socketDir = socketDir;
        Path serialLog = workDir.resolve(name + "-serial.log");
        Path qemuLog = workDir.resolve(name + "-qemu.log");
        Files.writeString(qemuLog, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.deleteIfExists(serialLog);
        List<String> wrapped = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            wrapped.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped).directory(workDir.toFile());
        this.startNanos = System.nanoTime();
        try {
            this.process = LAUNCHER.submit(pb::start).get();
        } catch (ExecutionException e) {
            throw new IOException("cannot start " + command.getFirst() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting QEMU", e);
        }
        LIVE.add(this);
        this.console = new SerialConsole(process, serialLog, qemuLog,
                b.typingDelay != null ? b.typingDelay : accelerator.typingDelay(), startNanos);
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public SerialConsole console() {
        return console;
    }

    /** The HMP monitor, connected on first use. */
    public synchronized Monitor monitor() throws IOException {
        if (monitor == null) {
            monitor = Monitor.connect(monitorSocket, Duration.ofSeconds(20), process.toHandle());
        }
        return monitor;
    }

    public Accelerator accelerator() {
        return accelerator;
    }

    /** The QEMU command line (without the setpriv wrapper). */
    public List<String> command() {
        return command;
    }

    public Path workDir() {
        return workDir;
    }

    public String name() {
        return name;
    }

    /** Time since QEMU was started. */
    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** QEMU's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Same as {@code console().awaitExit(timeout)}. */
    public int awaitExit(Duration timeout) {
        return console.awaitExit(timeout);
    }

    /** Kills QEMU (and anything it started) if it still runs, and releases the console and the monitor. */
    @Override
    public void close() {
        kill();
        synchronized (this) {
            if (monitor != null) {
                monitor.close();
            }
        }
        console.close();
        try {
            Files.deleteIfExists(monitorSocket);
            if (socketDir != null) {
                Files.deleteIfExists(socketDir);
            }
        } catch (IOException ignored) {
            // a stale socket file harms nobody
        }
    }

    private void kill() {
        try {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                System.err.println("mondo-vm: QEMU pid " + process.pid() + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
    }

    @Override
    public String toString() {
        return "Vm[" + name + ", " + accelerator + ", pid " + process.pid() + "]";
    }

    /** How to start a VM. Defaults: 1024 MiB, 2 CPUs, SeaBIOS, no NIC, -no-reboot, the detected accelerator. */
    public static final class Builder {
        private final Path workDir;
        private final List<Attachment> disks = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();
        private String name = "vm";
        private Firmware firmware = Firmware.bios();
        private Accelerator accelerator;
        private String machine;
        private int memoryMb = 1024;
        private int cpus = 2;
        private boolean noReboot = true;
        private Path kernel;
        private Path initrd;
        private String append;
        private String nic = "none";
        private Duration typingDelay;
        private Disk bootDisk;

        private record Attachment(Disk disk, Disk.Bus bus) {
        }

        private Builder(Path workDir) {
            this.workDir = workDir.toAbsolutePath();
        }

        /** Prefix of this VM's files in the work directory (default {@code vm}). */
        public Builder name(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("name: letters, digits, . _ - only: " + name);
            }
            this.name = name;
            return this;
        }

        public Builder firmware(Firmware firmware) {
            this.firmware = Objects.requireNonNull(firmware);
            return this;
        }

        /** Overrides {@link Accelerator#get()}. */
        public Builder accelerator(Accelerator accelerator) {
            this.accelerator = accelerator;
            return this;
        }

        /** {@code q35} or {@code pc}; by default q35 for UEFI, SATA, NVMe or USB, else pc. */
        public Builder machine(String machine) {
            this.machine = machine;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder cpus(int cpus) {
            this.cpus = cpus;
            return this;
        }

        /** With -no-reboot (the default) a guest reboot, triple fault or {@code panic=-1} ends QEMU. */
        public Builder noReboot(boolean noReboot) {
            this.noReboot = noReboot;
            return this;
        }

        /** A direct kernel boot (no firmware disk reads, so fast under TCG). */
        public Builder kernel(Path vmlinuz, Path initrd, String append) {
            this.kernel = vmlinuz;
            this.initrd = initrd;
            this.append = append;
            return this;
        }

        /**
         * Attaches {@code disk} on {@code bus}, in call order. CD-ROMs ({@link Disk#cdrom}) go on IDE or SATA and
         * are named {@code cd0}, {@code cd1}, ... in the monitor; other disks {@code disk0}, {@code disk1}, ...
         */
        public Builder disk(Disk disk, Disk.Bus bus) {
            if (disk.isCdrom() && bus != Disk.Bus.IDE && bus != Disk.Bus.SATA) {
                throw new IllegalArgumentException("a CD-ROM goes on IDE or SATA, not " + bus);
            }
            disks.add(new Attachment(disk, bus));
            return this;
        }

        /** Shorthand: the ISO as a CD-ROM on {@code bus}. */
        public Builder cdrom(Path iso, Disk.Bus bus) {
            return disk(Disk.cdrom(iso), bus);
        }

        /**
         * Boots from {@code disk} first (bootindex=0; works with SeaBIOS and OVMF, unlike {@code -boot d}).
         * The disk must also be attached with {@link #disk}.
         */
        public Builder bootFrom(Disk disk) {
            this.bootDisk = disk;
            return this;
        }

        /** Boots from the first CD-ROM attached. */
        public Builder bootFromCd() {
            this.bootDisk = null;
            for (Attachment a : disks) {
                if (a.disk().isCdrom()) {
                    this.bootDisk = a.disk();
                    return this;
                }
            }
            throw new IllegalStateException("attach a CD-ROM before bootFromCd()");
        }

        /** A NIC, as the value of QEMU's {@code -nic} (e.g. {@code user,model=virtio-net-pci,restrict=on}); default none. */
        public Builder nic(String spec) {
            this.nic = spec;
            return this;
        }

        /** Delay between typed characters; default per accelerator (20 ms under TCG). */
        public Builder typingDelay(Duration delay) {
            this.typingDelay = delay;
            return this;
        }

        /** More QEMU options, appended as they are. */
        public Builder extraArgs(String... args) {
            extra.addAll(List.of(args));
            return this;
        }

        /** The machine type that will be used. */
        public String machineType() {
            if (machine != null) {
                return machine;
            }
            boolean modern = firmware.isUefi() || disks.stream().anyMatch(
                    a -> a.bus() == Disk.Bus.SATA || a.bus() == Disk.Bus.NVME || a.bus() == Disk.Bus.USB);
            return modern ? "q35" : "pc";
        }

        /** The QEMU command line for {@code accel}, monitor on {@code monitorSocket}. */
        List<String> command(Accelerator accel, Path monitorSocket) throws IOException {
            List<String> c = new ArrayList<>(List.of("qemu-system-x86_64", "-name", name,
                    "-machine", machineType()));
            c.addAll(accel.qemuArgs());
            c.addAll(List.of("-m", Integer.toString(memoryMb), "-smp", Integer.toString(cpus), "-nographic",
                    "-serial", "stdio", "-monitor", "unix:" + Disk.escape(monitorSocket) + ",server=on,wait=off",
                    "-nic", nic));
            if (noReboot) {
                c.add("-no-reboot");
            }
            c.addAll(firmware.qemuArgs(workDir, name));
            if (kernel != null) {
                c.addAll(List.of("-kernel", kernel.toAbsolutePath().toString()));
                if (initrd != null) {
                    c.addAll(List.of("-initrd", initrd.toAbsolutePath().toString()));
                }
                if (append != null) {
                    c.addAll(List.of("-append", append));
                }
            }
            int diskNo = 0;
            int cdNo = 0;
            int sataPort = 0;
            boolean ahci = false;
            boolean xhci = false;
            for (Attachment a : disks) {
                Disk d = a.disk();
                String id = d.isCdrom() ? "cd" + cdNo++ : "disk" + diskNo++;
                String boot = d == bootDisk ? ",bootindex=0" : "";
                c.addAll(List.of("-drive", d.driveSpec(id)));
                String kind = d.isCdrom() ? "ide-cd" : "ide-hd";
                String device = switch (a.bus()) {
                    case VIRTIO -> "virtio-blk-pci,drive=" + id + ",serial=mondo-" + id;
                    case NVME -> "nvme,drive=" + id + ",serial=mondo-" + id;
                    case IDE -> kind + ",drive=" + id;
                    case SATA -> {
                        if (!ahci) {
                            c.addAll(List.of("-device", "ahci,id=ahci0"));
                            ahci = true;
                        }
                        if (sataPort >= 6) {
                            throw new IllegalStateException("more than 6 SATA devices");
                        }
                        yield kind + ",drive=" + id + ",bus=ahci0." + sataPort++;
                    }
                    case USB -> {
                        if (!xhci) {
                            c.addAll(List.of("-device", "qemu-xhci,id=xhci"));
                            xhci = true;
                        }
                        yield "usb-storage,drive=" + id + ",bus=xhci.0,removable=on";
                    }
                };
                c.addAll(List.of("-device", device + boot));
            }
            c.addAll(extra);
            return c;
        }

        /** The command line as it would run now (for logs and tests); decides the accelerator if needed. */
        public List<String> command() throws IOException {
            return command(accelerator != null ? accelerator : Accelerator.get(),
                    workDir.resolve(name + "-monitor.sock"));
        }

        /** Starts QEMU. The caller owns the VM and must close it. */
        public Vm start() throws IOException {
            if (bootDisk != null && disks.stream().noneMatch(a -> a.disk() == bootDisk)) {
                throw new IllegalStateException("boot disk " + bootDisk + " is not attached");
            }
            Files.createDirectories(workDir);
            Accelerator accel = accelerator != null ? accelerator : Accelerator.get();
            Path socket = workDir.resolve(name + "-monitor.sock");
            Path socketDir = null;
            if (socket.toString().length() > 100) { // sun_path holds 108 bytes
                socketDir = Files.createTempDirectory("mvm");
                socket = socketDir.resolve("monitor.sock");
            }
            Files.deleteIfExists(socket);
            return new Vm(this, accel, command(accel, socket), socket, socketDir);
        }
    }
}
