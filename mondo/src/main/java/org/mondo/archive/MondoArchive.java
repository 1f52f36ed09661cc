package org.mondo.archive;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mondo.log.Main;
import org.mondo.log.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * mondoarchive: MondoRescue's command line (same option letters, same meaning), with long
 * options for everything. Parses and checks the options, then hands a {@link BackupOptions}
 * to {@link BackupRun} (backup) and {@link VerifyRun} (verify).
 */
@Command(name = "mondoarchive", versionProvider = Version.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {"Backs up a live Linux system into volumes a rescue system can restore.",
                "Example: mondoarchive -Oi -d /var/cache/mondo -s 4480m -E \"/home/tmp\" -N"},
        footer = {"", "-0..-9 set the compression level (-0: none; default zstd 3, gzip and xz 6, bzip2 9).",
                "The log is /var/log/mondoarchive.log."})
public final class MondoArchive implements java.util.concurrent.Callable<Integer> {

    // -V is MondoRescue's verify, so picocli's standard -V (version) cannot be used.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-O", "--backup"}, description = "Back up.")
    boolean backup;

    @Option(names = {"-V", "--verify"}, description = "Verify: after -O, or alone against the newest backup in -d.")
    boolean verify;

    // ---- media (exactly one)
    @Option(names = {"-i", "--iso"}, description = "Write ISO images into the -d directory.")
    boolean iso;

    @Option(names = {"-n", "--nfs"}, paramLabel = "SERVER:/EXPORT", description = "NFS share (not supported yet).")
    String nfs;

    @Option(names = {"-U", "--usb"}, description = "USB device (not supported yet).")
    boolean usb;

    @Option(names = {"-t", "--tape"}, description = "Tape (not supported yet).")
    boolean tape;

    @Option(names = {"-c", "--cdr"}, paramLabel = "SPEED", description = "CD-R (not supported yet).")
    String cdr;

    @Option(names = {"-w", "--cdrw"}, paramLabel = "SPEED", description = "CD-RW (not supported yet).")
    String cdrw;

    @Option(names = {"-r", "--dvd"}, description = "DVD (not supported yet).")
    boolean dvd;

    @Option(names = {"-u", "--udev"}, description = "Stream to a device (not supported yet).")
    boolean udev;

    // ---- where
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Directory the ISO images go to.")
    Path dir;

    @Option(names = {"-s", "--size"}, paramLabel = "SIZE[,SIZE…]",
            description = "Volume size (k/m/g suffix); a comma list gives each volume its size. Default 4480m.")
    String size = "4480m";

    @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX", description = "Image names: PREFIX-1.iso… (default mondorescue).")
    String prefix = "mondorescue";

    @Option(names = {"-T", "--tmp-dir"}, paramLabel = "DIR", description = "Temporary directory (default /var/tmp).")
    Path tmpDir = Path.of("/var/tmp");

    @Option(names = {"-S", "--scratch-dir"}, paramLabel = "DIR",
            description = "Scratch directory where volumes are staged (default: the -T directory).")
    Path scratchDir;

    @Option(names = {"--overwrite"}, description = "Replace existing PREFIX-N.iso images in -d.")
    boolean overwrite;

    // ---- selection
    @Option(names = {"-I", "--include"}, paramLabel = "\"PATHS\"",
            description = "Space-separated paths to back up (default /); repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-E", "--exclude"}, paramLabel = "\"PATHS\"",
            description = "Space-separated paths to leave out (directories are kept empty); repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-J", "--file-list"}, paramLabel = "FILE", description = "Back up the paths listed in FILE, one per line (a directory brings its tree).")
    Path fileList;

    @Option(names = {"-N", "--no-network-fs"}, description = "Leave out network file systems (nfs, cifs, sshfs…).")
    boolean noNetwork;

    // ---- compression
    @Option(names = {"-G", "--gzip"}, description = "Compress with gzip.")
    boolean gzip;

    @Option(names = {"-L", "--lzo"}, description = "Fast compression: LZ4 (replaces MondoRescue's lzop).")
    boolean lzo;

    @Option(names = {"-Y", "--xz"}, description = "Compress with xz (smallest, slowest).")
    boolean xz;

    @Option(names = {"--bzip2"}, description = "Compress with bzip2.")
    boolean bzip2;

    @Option(names = {"--zstd"}, description = "Compress with zstd (the default).")
    boolean zstd;

    @Option(names = {"--codec"}, paramLabel = "NAME", description = "zstd, gzip, xz, bzip2, lz4 or none.")
    String codec;

    @Option(names = {"--level"}, paramLabel = "N", description = "Compression level (as -0..-9; zstd takes 1-19).")
    Integer level;

    @Option(names = {"--threads"}, paramLabel = "N", description = "Compression threads (default: all cores).")
    Integer threads;

    // ---- hooks and misc
    @Option(names = {"-A", "--after-volume"}, paramLabel = "CMD",
            description = "Command run after each volume; _ISO_ and _CD#_ are replaced.")
    String after;

    @Option(names = {"-B", "--before-volume"}, paramLabel = "CMD",
            description = "Command run before each volume; _ISO_ and _CD#_ are replaced.")
    String before;

    @Option(names = {"-H", "--nuke-without-asking"}, description = "The boot menu starts RESTORE (nuke, no question) by itself.")
    boolean nukeDefault;

    @Option(names = {"-k", "--kernel"}, paramLabel = "PATH", description = "Kernel for the boot media (default: the running one).")
    Path kernel;

    @Option(names = {"--modules-dir"}, paramLabel = "DIR", description = "That kernel's modules (default /lib/modules/VERSION).")
    Path modulesDir;

    @Option(names = {"--extra-modules"}, paramLabel = "\"NAMES\"", description = "More kernel modules for the boot media.")
    List<String> extraModules = new ArrayList<>();

    @Option(names = {"--layout"}, paramLabel = "FILE",
            description = "Disk layout for the boot media instead of this machine's (docs/layout-format.md): to restore onto other disks.")
    Path layout;

    @Option(names = {"-W", "--not-bootable"}, description = "Do not make the first volume bootable.")
    boolean notBootable;

    @Option(names = {"-K", "--log-level"}, paramLabel = "N", description = "Accepted for compatibility; everything is logged.")
    Integer logLevel;

    @Option(names = {"--log"}, paramLabel = "FILE", description = "Log file (default /var/log/mondoarchive.log).")
    Path log;

    @Option(names = {"--set-size"}, paramLabel = "SIZE", hidden = true, description = "Content per archive set.")
    String setSize;

    @Option(names = {"--slice-size"}, paramLabel = "SIZE", hidden = true, description = "Big-file slice size.")
    String sliceSize;

    int levelFromDigits = -1;

    @Override
    public Integer call() throws Exception {
        BackupOptions opts = BackupOptions.from(this);
        int rc = 0;
        if (backup) rc = new BackupRun(opts).run();
        if (verify && rc == 0) rc = new VerifyRun(opts).run();
        return rc;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        return Main.run("mondoarchive", () -> {
            MondoArchive cmd = new MondoArchive();
            CommandLine cl = new CommandLine(cmd);
            cl.setUnmatchedOptionsArePositionalParams(false);
            ShortOptionDigits.Result digits = ShortOptionDigits.extract(args, "AdBEIJsSTpcwnKk");
            cmd.levelFromDigits = digits.level();
            if (Main.parse("mondoarchive", cl, digits.args())) return 0;
            if (digits.args().length == 0) {
                cl.usage(new PrintWriter(System.err, true));
                return 2;
            }
            return cmd.call();
        });
    }
}
