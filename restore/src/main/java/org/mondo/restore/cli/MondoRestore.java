package org.mondo.restore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.mondo.archive.Version;
import org.mondo.catalog.Entry;
import org.mondo.catalog.Selection;
import org.mondo.compare.CompareEngine;
import org.mondo.compare.CompareReport;
import org.mondo.log.Main;
import org.mondo.log.RunLog;
import org.mondo.log.UserError;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.progress.Sizes;
import org.mondo.read.Backup;
import org.mondo.restore.files.FileRestore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * mondorestore on a running system: compare (-Z compare), list (--list) and restore files
 * (--restore-to). The boot-environment modes (nuke, interactive, expert) come with the boot media.
 */
@Command(name = "mondorestore", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpWidth = 100,
        description = {"Compares, lists and restores a Mondo backup.",
                "  mondorestore -Z compare -i -d DIR [-p PREFIX]",
                "  mondorestore -i -d DIR [-p PREFIX] --restore-to TARGET [PATH...]",
                "  mondorestore --list -i -d DIR [-p PREFIX] [PATH...]"})
public final class MondoRestore implements Callable<Integer> {
    @Option(names = {"-Z", "--mode"}, paramLabel = "MODE", description = "compare (nuke, interactive, expert: boot media only).")
    String mode;

    @Option(names = {"-i", "--iso"}, description = "The backup is ISO images in -d.")
    boolean iso;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Directory holding the images.")
    Path dir;

    @Option(names = {"-p", "--prefix"}, paramLabel = "PREFIX", description = "Image name prefix (default mondorescue).")
    String prefix = "mondorescue";

    @Option(names = {"--restore-to"}, paramLabel = "TARGET", description = "Restore under TARGET (/etc/x lands at TARGET/etc/x).")
    Path restoreTo;

    @Option(names = {"--list"}, description = "List the catalog like tar -tv.")
    boolean list;

    @Option(names = {"--threads"}, paramLabel = "N", description = "Parallel readers (default: all cores).")
    Integer threads;

    @Option(names = {"--log"}, paramLabel = "FILE", description = "Log file (default /var/log/mondorestore.log).")
    Path log;

    @Option(names = {"--changed-files"}, paramLabel = "FILE", description = "Where compare writes differences (default /var/log/mondo/changed.files).")
    Path changedFiles;

    @Option(names = {"--boot-env"}, description = "Run as the boot environment's /init does (words follow: nopart, dryrun…).")
    boolean bootEnv;

    @Parameters(paramLabel = "PATH", description = "Paths to restore, list or compare (a directory means its tree).")
    List<String> paths = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        return Main.run("mondorestore", () -> {
            MondoRestore cmd = new MondoRestore();
            if (Main.parse("mondorestore", new CommandLine(cmd), args)) return 0;
            return cmd.call();
        });
    }

    @Override
    public Integer call() throws Exception {
        if (bootEnv) {
            if (mode == null) throw new UserError("--boot-env needs -Z MODE");
            RunLog.open(log != null ? log : RunLog.defaultPath("mondorestore"), "mondorestore",
                    String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
            return new org.mondo.restore.bootenv.BootEnvRun(org.mondo.restore.bootenv.BootEnvironment.standard(),
                    Path.of("/sys/block"), System.out, new org.mondo.restore.tools.SystemCommands(), Path.of("/mnt"))
                    .run(mode, paths);
        }
        int actions = (mode != null ? 1 : 0) + (restoreTo != null ? 1 : 0) + (list ? 1 : 0);
        if (actions == 0) throw new UserError("say what to do: -Z compare, --restore-to TARGET or --list");
        if (actions > 1) throw new UserError("-Z, --restore-to and --list do not go together");
        if (mode != null && !mode.equals("compare")) {
            if (List.of("nuke", "interactive", "expert").contains(mode)) {
                throw new UserError("-Z " + mode + " runs in the boot environment of the backup's first volume; "
                        + "on a running system use -Z compare or --restore-to");
            }
            throw new UserError("unknown mode '" + mode + "' (compare, nuke, interactive, expert)");
        }
        if (!iso) throw new UserError("say where the backup is: -i -d DIR (ISO images)");
        if (dir == null) throw new UserError("-i needs -d DIR: the directory holding the ISO images");
        if (!Files.isDirectory(dir)) throw new UserError("-d " + dir + ": no such directory");
        Predicate<Entry> wanted = selection();
        if (list) return list(wanted);
        String warn = RunLog.open(log != null ? log : RunLog.defaultPath("mondorestore"), "mondorestore",
                String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
        ProgressMeter progress = ProgressMeter.forConsole();
        if (warn != null) progress.message("mondorestore: " + warn);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (Backup backup = Backup.open(dir.toAbsolutePath(), prefix)) {
            if (mode != null) {
                CompareEngine.Result r = new CompareEngine(backup, new byte[] {'/'}, n, progress).run(wanted);
                return CompareReport.report(r, changedFiles != null ? changedFiles : CompareReport.defaultFile(), System.out);
            }
            return restore(backup, wanted, n, progress);
        }
    }

    private int restore(Backup backup, Predicate<Entry> wanted, int threads, ProgressMeter progress) throws Exception {
        Path target = restoreTo.toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) throw new UserError("--restore-to " + restoreTo + ": no such directory");
        List<String> missing = notInBackup(backup);
        if (!missing.isEmpty() && missing.size() == selectedRoots.size()) {
            throw new UserError("not in the backup: " + String.join(", ", missing), 1);
        }
        long start = System.nanoTime();
        FileRestore.Result r = new FileRestore(backup, PathBytes.of(target.toString()), threads, progress).run(wanted);
        double secs = (System.nanoTime() - start) / 1e9;
        progress.message(String.format("Restored %d entries under %s in %s (%s/s).", r.restored(), target,
                Sizes.duration((long) secs), Sizes.human((long) (progress.bytesDone() / Math.max(secs, 0.001)))));
        if (!missing.isEmpty()) progress.message("not in the backup: " + String.join(", ", missing));
        if (r.complete() && missing.isEmpty()) return 0;
        progress.message((r.damaged().size() + r.failed().size()) + " could not be restored:");
        int shown = 0;
        for (String s : r.damaged()) if (shown++ < 20) progress.message("  " + s);
        for (String s : r.failed()) if (shown++ < 20) progress.message("  " + s);
        if (shown > 20) progress.message("  … the full list is in " + RunLog.current());
        return 1;
    }

    private int list(Predicate<Entry> wanted) throws Exception {
        try (Backup backup = Backup.open(dir.toAbsolutePath(), prefix)) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : backup.catalog()) if (wanted.test(e)) out.add(e);
            Listing.print(out, System.out);
            List<String> missing = notInBackup(backup);
            if (!missing.isEmpty()) throw new UserError("not in the backup: " + String.join(", ", missing), 1);
        }
        return 0;
    }

    /** The named paths and everything below them, plus the directories above them (for their metadata). */
    private Predicate<Entry> selection() throws UserError {
        if (paths.isEmpty()) return e -> true;
        List<byte[]> roots = new ArrayList<>();
        for (String p : paths) {
            try {
                roots.add(Selection.normalise(p));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        selectedRoots = roots;
        return e -> {
            // The target directory itself keeps its owner and mode when only some paths are restored.
            if (e.path.length == 1) return false;
            for (byte[] r : roots) {
                if (PathBytes.isAtOrBelow(e.path, r) || PathBytes.isAtOrBelow(r, e.path)
                        && e.type == org.mondo.nativeio.FileType.DIRECTORY) {
                    return true;
                }
            }
            return false;
        };
    }

    private List<byte[]> selectedRoots = List.of();

    /** Named paths that are not in the backup: an error to report, not a silent success. */
    private List<String> notInBackup(Backup backup) throws java.io.IOException {
        List<String> missing = new ArrayList<>();
        for (byte[] r : selectedRoots) {
            boolean found = false;
            for (Entry e : backup.catalog()) {
                if (PathBytes.isAtOrBelow(e.path, r)) {
                    found = true;
                    break;
                }
            }
            if (!found) missing.add(PathBytes.display(r));
        }
        return missing;
    }
}
