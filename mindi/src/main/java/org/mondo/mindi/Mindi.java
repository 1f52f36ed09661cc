package org.mondo.mindi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.mondo.archive.Version;
import org.mondo.log.Main;
import org.mondo.log.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * mindi: finds what a restore needs from this machine and builds the boot environment: for volume 1
 * of a backup (--boot-files, run by mondoarchive) or, with no mode option, as a standalone rescue
 * disc of this machine (MondoRescue's /var/cache/mindi/mondorescue.iso).
 */
@Command(name = "mindi", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Builds the boot environment of a Mondo backup.",
                "With no --findkernel, --makemountlist or --boot-files: writes a bootable rescue disc of this machine"
                        + " (no backup) to " + Mindi.DEFAULT_RESCUE_ISO + " or --output FILE."}, sortOptions = false)
public final class Mindi implements Callable<Integer> {
    /** Where MondoRescue's mindi leaves its rescue disc. */
    static final String DEFAULT_RESCUE_ISO = "/var/cache/mindi/mondorescue.iso";

    @Option(names = "--findkernel", description = "Print the running kernel's image; exit 1 when there is none.")
    boolean findKernel;

    @Option(names = "--makemountlist", paramLabel = "FILE",
            description = "Write MondoRescue's mountlist of this machine to FILE (and the full layout to FILE.layout).")
    Path mountlist;

    @Option(names = "--boot-files", paramLabel = "DIR",
            description = "Write the boot files of volume 1 into DIR (mondoarchive runs this).")
    Path bootFiles;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where the rescue disc goes (default " + DEFAULT_RESCUE_ISO + "; never overwritten).")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "The backup's mondorestore.cfg (with --boot-files).")
    Path config;

    @Option(names = {"-k", "--kernel"}, paramLabel = "PATH", description = "Kernel image to boot (default: the running one).")
    Path kernel;

    @Option(names = "--modules-dir", paramLabel = "DIR", description = "That kernel's modules (default /lib/modules/VERSION).")
    Path modulesDir;

    @Option(names = "--extra-modules", paramLabel = "\"NAMES\"", description = "More kernel modules (space-separated).")
    List<String> extraModules = new java.util.ArrayList<>();

    @Option(names = "--nuke-by-default", description = "The boot menu starts RESTORE (nuke) after 10 s (mondoarchive -H).")
    boolean nukeByDefault;

    @Option(names = "--volume-label", paramLabel = "LABEL", description = "ISO label of volume 1 (GRUB finds it by it).")
    String volumeLabel;

    @Option(names = "--kernel-args", paramLabel = "ARGS", description = "More words for the kernel command line.")
    String kernelArgs = "";

    @Option(names = "--xorriso-args", paramLabel = "FILE", description = "Where to write the image's boot arguments.")
    Path xorrisoArgs;

    @Option(names = "--layout", paramLabel = "FILE", description = "Disk layout to carry instead of this machine's (with --boot-files).")
    Path layoutFile;

    @Option(names = "--leave-out", paramLabel = "DIR",
            description = "A backup directory: a disk holding only it is left out of the layout (repeatable).")
    List<String> leaveOut = new java.util.ArrayList<>();

    @Option(names = "--work", paramLabel = "DIR", description = "Work directory (default: a new one under /var/tmp).")
    Path work;

    @Option(names = "--log", paramLabel = "FILE", description = "Log file (default /var/log/mindi.log).")
    Path log;

    public static void main(String[] args) {
        System.exit(Main.run("mindi", () -> {
            Mindi m = new Mindi();
            if (Main.parse("mindi", new CommandLine(m), args)) return 0;
            return m.call();
        }));
    }

    @Override
    public Integer call() throws Exception {
        if (findKernel) {
            Path k = KernelFinder.running();
            if (k == null) {
                System.err.println("mindi: no image of the running kernel " + KernelFinder.release()
                        + " in /boot (a container, or a VM booted without /boot)");
                return 1;
            }
            System.out.println(k);
            return 0;
        }
        if (mountlist != null) {
            org.mondo.layout.Layout layout = org.mondo.mindi.layout.MountlistCommand.run(mountlist, System.out);
            org.mondo.mindi.layout.LayoutCommand.write(layout, Path.of(mountlist + ".layout"));
            return 0;
        }
        if (bootFiles != null) return bootFiles();
        return rescueIso();
    }

    /** The options of the other modes, refused with the rescue disc so that a typo is not silently ignored. */
    private void onlyFor(String mode, Object value, String option) throws UserError {
        if (value != null && !Boolean.FALSE.equals(value)) throw new UserError(option + " goes with " + mode + " only");
    }

    private void openLog() throws java.io.IOException {
        org.mondo.log.RunLog.open(log != null ? log : org.mondo.log.RunLog.defaultPath("mindi"), "mindi",
                String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
    }

    /** The kernel to boot: -k, or the running one; {@code hint} says what to do when there is none. */
    private Path kernelImage(String hint) throws UserError {
        Path k = kernel != null ? kernel : KernelFinder.running();
        if (k == null) {
            throw new UserError("no image of the running kernel " + KernelFinder.release() + " in /boot: " + hint, 1);
        }
        if (!Files.isRegularFile(k)) throw new UserError("-k " + k + ": no such file", 1);
        return k;
    }

    private List<String> extraModuleNames() {
        List<String> extras = new java.util.ArrayList<>();
        for (String e : extraModules) for (String n : e.trim().split("\\s+")) if (!n.isEmpty()) extras.add(n);
        return extras;
    }

    /** {@code mindi} alone: a bootable hybrid ISO (BIOS + UEFI) with this machine's boot environment, no backup. */
    private int rescueIso() throws Exception {
        onlyFor("--boot-files", config, "--config");
        onlyFor("--boot-files", volumeLabel, "--volume-label");
        onlyFor("--boot-files", xorrisoArgs, "--xorriso-args");
        onlyFor("--boot-files", nukeByDefault, "--nuke-by-default");
        Path out = (output != null ? output : Path.of(DEFAULT_RESCUE_ISO)).toAbsolutePath();
        if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(out + " exists: remove it first or give --output FILE (mindi never overwrites it)", 1);
        }
        openLog();
        Path k = kernelImage("give -k PATH (and --modules-dir DIR)");
        if (!Files.isDirectory(out.getParent())) {
            Files.createDirectories(out.getParent(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        RescueDisc.Result r = RescueDisc.write(new RescueDisc.Options(out, k, modulesDir, extraModuleNames(),
                kernelArgs, work));
        System.out.println(r.summary());
        return 0;
    }

    private int bootFiles() throws Exception {
        onlyFor("the rescue disc (mindi with no mode option)", output, "--output");
        openLog();
        if (config == null) throw new UserError("--boot-files needs --config FILE (the backup's mondorestore.cfg)");
        if (volumeLabel == null) throw new UserError("--boot-files needs --volume-label LABEL");
        Path k = kernelImage("give mondoarchive -k PATH (and --modules-dir), or -W for a backup that does not boot");
        org.mondo.volumes.RestoreConfig cfg;
        try (var in = Files.newInputStream(config)) {
            cfg = org.mondo.volumes.RestoreConfig.read(in);
        }
        Path w = work != null ? Files.createDirectories(work)
                : Files.createTempDirectory(Path.of("/var/tmp"), "mindi.");
        try {
            BootFiles.Result r = BootFiles.write(new BootFiles.Options(bootFiles, k, modulesDir, extraModuleNames(),
                    nukeByDefault, volumeLabel, cfg, w, kernelArgs, layoutFile, leaveOut));
            if (xorrisoArgs != null) Files.write(xorrisoArgs, r.xorrisoArgs());
            System.out.println(r.summary());
            return 0;
        } finally {
            if (work == null) org.mondo.tools.FileTrees.delete(w);
        }
    }

    /** Where distributions keep the running kernel's image. */
    static final class KernelFinder {
        static String release() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
            } catch (java.io.IOException e) {
                return System.getProperty("os.version");
            }
        }

        static Path running() {
            String r = release();
            for (String c : List.of("/boot/vmlinuz-" + r, "/boot/vmlinux-" + r, "/boot/bzImage-" + r,
                    "/lib/modules/" + r + "/vmlinuz", "/usr/lib/modules/" + r + "/vmlinuz")) {
                Path p = Path.of(c);
                if (Files.isRegularFile(p)) return p;
            }
            return null;
        }
    }
}
