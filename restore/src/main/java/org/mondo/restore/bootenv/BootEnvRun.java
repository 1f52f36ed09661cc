package org.mondo.restore.bootenv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mondo.compare.CompareEngine;
import org.mondo.compare.CompareReport;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.log.RunLog;
import org.mondo.log.UserError;
import org.mondo.progress.ProgressMeter;
import org.mondo.progress.Sizes;
import org.mondo.read.Backup;
import org.mondo.restore.execute.NukeRestore;
import org.mondo.restore.interactive.FullScreen;
import org.mondo.restore.interactive.InteractiveRestore;
import org.mondo.restore.interactive.PlainScreen;
import org.mondo.restore.interactive.Screen;
import org.mondo.restore.execute.TargetMounts;
import org.mondo.restore.plan.DataNeeds;
import org.mondo.restore.plan.DiskChoice;
import org.mondo.restore.plan.PlanException;
import org.mondo.restore.plan.Planner;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.plan.TargetDisk;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.Mounter;
import org.mondo.volumes.RestoreConfig;

/**
 * mondorestore started by the boot environment's /init: reads the backup's configuration and
 * layout, finds the backup's volumes (the boot medium, ISO files on other disks), shows the disks
 * it may restore to, and runs the chosen mode: nuke (plan, then restore without a question but
 * for a countdown), compare (the disks mounted read-only against the backup), interactive.
 * On a rescue disc (mindi alone: the configuration has a rescue-id and no backup-id) there is no
 * backup: only nuke's dry run runs, to show how this machine was partitioned.
 */
public final class BootEnvRun {
    public static final Set<String> WORDS = Set.of("yes", "noresize", "nopart", "textonly", "donteject", "dryrun",
            "poweroff");
    static final int COUNTDOWN_SECONDS = 10;
    /** map=SRC:DST[,SRC:DST...]: which disk receives which, for nuke on machines the planner cannot map alone. */
    static final String MAP = "map=";

    private final BootEnvironment env;
    private final Path sysBlock;
    private final PrintStream out;
    private final Commands commands;
    private final Path mountBase;
    /** The disk mapping given on the kernel command line (map=). */
    private final java.util.Map<String, String> chosenDisks = new java.util.LinkedHashMap<>();

    public BootEnvRun(BootEnvironment env, Path sysBlock, PrintStream out, Commands commands, Path mountBase) {
        this.env = env;
        this.sysBlock = sysBlock;
        this.out = out;
        this.commands = commands;
        this.mountBase = mountBase;
    }

    public int run(String mode, List<String> words) throws Exception {
        for (String w : words) {
            if (!WORDS.contains(w) && !w.startsWith(MAP)) {
                throw new UserError("unknown boot word '" + w + "' (" + String.join(" ", WORDS) + " " + MAP + "SRC:DST,...)");
            }
            if (w.startsWith(MAP)) chosenDisks.putAll(mapWord(w));
        }
        if (!List.of("nuke", "compare", "interactive").contains(mode)) {
            throw new UserError("unknown mode '" + mode + "' (nuke, interactive, compare, expert)");
        }
        RestoreConfig cfg = env.config();
        Optional<Layout> layout = layout();
        if (cfg.get("backup-id").isEmpty() && cfg.get("rescue-id").isPresent()) return rescueDisc(cfg, layout, mode, words);
        out.println("Mondo restore: backup " + cfg.require("backup-id") + " of " + cfg.get("hostname").orElse("?")
                + " taken " + cfg.get("datestamp").orElse("?") + ", medium " + env.mediumDevice());
        try (VolumeFinder finder = new VolumeFinder(commands, sysBlock.resolveSibling("class/block"), mountBase.resolve("volumes"))) {
            List<Path> volumes = finder.find(env.mediumDevice(), cfg.require("backup-id"), cfg.get("iso-prefix").orElse("mondorescue"));
            List<TargetDisk> disks = showDisks(finder.holders());
            if (finder.holders().size() > 1) out.println("Volumes found on " + String.join(", ", finder.holders()) + " (left untouched)");
            out.println("mode: " + mode + (words.isEmpty() ? "" : " (" + String.join(" ", words) + ")"));
            if (layout.isEmpty()) {
                out.println(mode + ": the backup carries no disk layout: nothing to " + (mode.equals("compare") ? "mount" : "partition")
                        + "; restore files with mondorestore --restore-to from the shell");
                return 1;
            }
            try (Backup backup = openBackup(volumes)) {
                return switch (mode) {
                    case "nuke" -> nuke(layout.get(), backup, disks, words);
                    case "compare" -> compare(layout.get(), backup);
                    default -> interactive(layout.get(), backup, disks, words);
                };
            }
        }
    }

    /**
     * The backup from the volumes found; when volume 1 is a disc in a CD/DVD drive, that drive
     * also serves the volumes found nowhere else, one disc at a time.
     */
    private Backup openBackup(List<Path> found) throws IOException {
        String medium = env.mediumDevice();
        if (!CdDrive.isCdDrive(medium)) return Backup.open(found);
        List<Path> files = found.stream().filter(p -> !p.toString().equals(medium)).toList();
        Backup b = Backup.open(files, new CdDrive(medium, env.mediumMount(), commands, out, Path.of("/proc/sys/dev/cdrom/autoclose")));
        Set<Integer> asFiles = new java.util.HashSet<>(b.volumes().stream().map(Backup.Volume::number).toList());
        List<Integer> onDiscs = java.util.stream.IntStream.rangeClosed(1, b.lastVolume()).filter(n -> !asFiles.contains(n)).boxed().toList();
        if (onDiscs.size() > 1) out.println("Volumes " + onDiscs + " come from the drive " + medium + ": it will ask for each disc");
        return b;
    }

    private List<TargetDisk> showDisks(java.util.Collection<String> protectedDevices) throws IOException {
        List<TargetDisk> disks = TargetDisks.list(sysBlock, protectedDevices);
        out.println("Disks of this machine:");
        if (disks.isEmpty()) out.println("  (none)");
        for (TargetDisk d : disks) {
            out.println("  " + d.device() + "  " + Sizes.human(d.sizeBytes()) + (d.model().isEmpty() ? "" : "  " + d.model())
                    + (d.removable() ? "  (removable)" : ""));
        }
        return disks;
    }

    /** A rescue disc carries the machine's layout but no backup: nuke's dry run shows the plan, nothing else runs. */
    private int rescueDisc(RestoreConfig cfg, Optional<Layout> layout, String mode, List<String> words) throws Exception {
        out.println("Mondo rescue disc " + cfg.require("rescue-id") + " of " + cfg.get("hostname").orElse("?") + " made "
                + cfg.get("datestamp").orElse("?") + ", medium " + env.mediumDevice() + ": it carries no backup");
        List<TargetDisk> disks = showDisks(List.of(env.mediumDevice()));
        out.println("mode: " + mode + (words.isEmpty() ? "" : " (" + String.join(" ", words) + ")"));
        if (!(mode.equals("nuke") && words.contains("dryrun"))) {
            out.println(mode + ": this rescue disc carries no backup: boot volume 1 of a backup, or restore files"
                    + " from a backup's ISO images with mondorestore -i -d DIR --restore-to TARGET");
            return 1;
        }
        if (layout.isEmpty()) {
            out.println("nuke: the rescue disc carries no disk layout: nothing to partition");
            return 1;
        }
        RestorePlan plan;
        try {
            plan = disks(layout.get(), List.of(), words, disks).plan();
        } catch (PlanException e) {
            out.println("nuke would stop before writing anything: " + e.getMessage());
            return 1;
        }
        return dryRun(plan);
    }

    private int dryRun(RestorePlan plan) {
        showMapping(plan);
        plan.describe().forEach(l -> out.println("  " + l));
        out.println("nuke: dry run, no disk was changed");
        return 0;
    }

    private void showMapping(RestorePlan plan) {
        for (var e : plan.diskMap().entrySet()) {
            out.println("would partition " + e.getValue() + " as " + e.getKey() + " was"
                    + (plan.exact() ? " (exactly)" : " (resized)"));
        }
    }

    private Optional<Layout> layout() throws IOException {
        Optional<String> text = env.layoutText();
        if (text.isEmpty()) return Optional.empty();
        return Optional.of(LayoutFormat.parse(text.get()));
    }

    /** The planner for this layout, the data the backup holds and the boot words noresize/nopart/map=. */
    private DiskChoice disks(Layout layout, List<org.mondo.catalog.Entry> catalog, List<String> words, List<TargetDisk> targets) {
        DiskChoice choice = new DiskChoice(new Planner(layout, DataNeeds.of(layout, catalog),
                new Planner.Options(words.contains("noresize"), words.contains("nopart"))), targets);
        chosenDisks.forEach(choice::choose);
        return choice;
    }

    /** map=SRC:DST[,SRC:DST...] → source device → target device. */
    private static java.util.Map<String, String> mapWord(String w) throws UserError {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : w.substring(MAP.length()).split(",")) {
            String[] sd = pair.split(":");
            if (sd.length != 2 || sd[0].isEmpty() || sd[1].isEmpty()) {
                throw new UserError("boot word " + w + ": each pair is SRC:DST, e.g. map=sda:nvme0n1");
            }
            out.put(device(sd[0]), device(sd[1]));
        }
        return out;
    }

    private static String device(String name) {
        return name.startsWith("/dev/") ? name : "/dev/" + name;
    }

    private int nuke(Layout layout, Backup backup, List<TargetDisk> disks, List<String> words) throws Exception {
        RestorePlan plan;
        try {
            plan = disks(layout, backup.catalog(), words, disks).plan();
        } catch (PlanException e) {
            out.println("nuke stopped before writing anything: " + e.getMessage());
            return 1;
        }
        if (words.contains("dryrun")) return dryRun(plan);
        showMapping(plan);
        int countdown = words.contains("yes") ? 0 : COUNTDOWN_SECONDS;
        return new NukeRestore(plan, backup, commands, mountBase.resolve("RESTORING"), out, ProgressMeter.forConsole(),
                new NukeRestore.Options(Runtime.getRuntime().availableProcessors(), countdown,
                        logs(), e -> true),
                disk -> TargetDisks.partitionsOf(sysBlock, disk)).run();
    }

    /** The disks as they are, mounted read-only, against the backup: nothing is written to them. */
    private int compare(Layout layout, Backup backup) throws Exception {
        Path root = mountBase.resolve("RESTORING");
        try (TargetMounts mounts = new TargetMounts(new Mounter(commands), root)) {
            mounts.mountAll(layout, true);
            out.println("compare: the disks are mounted read-only on " + root);
            CompareEngine.Result r = new CompareEngine(backup, org.mondo.nativeio.PathBytes.of(root.toString()),
                    Runtime.getRuntime().availableProcessors(), ProgressMeter.forConsole()).run(e -> true);
            return CompareReport.report(r, Path.of("/tmp/changed.files"), out);
        }
    }

    /** The plan to edit; when the planner cannot map the disks by itself, the admin maps them (map SRC DST). */
    private int interactive(Layout layout, Backup backup, List<TargetDisk> disks, List<String> words) throws Exception {
        InteractiveRestore session = new InteractiveRestore(disks(layout, backup.catalog(), words, disks), backup,
                DataNeeds.of(layout, backup.catalog()), commands, mountBase.resolve("RESTORING"), logs(),
                disk -> TargetDisks.partitionsOf(sysBlock, disk));
        try (Screen screen = screen(words, session.completions())) {
            return session.run(screen);
        }
    }

    /** The full-screen editor on a terminal; plain lines with "textonly", on dumb terminals, or when JLine cannot start. */
    private Screen screen(List<String> words, List<String> completions) {
        String term = System.getenv("TERM");
        if (!words.contains("textonly") && System.console() != null && term != null && !term.equals("dumb")) {
            try {
                return new FullScreen(completions);
            } catch (IOException | RuntimeException e) {
                out.println("interactive: full screen unavailable (" + e.getMessage() + "): plain text");
            }
        }
        return new PlainScreen(System.in, out);
    }

    private static java.util.Map<String, Path> logs() {
        java.util.Map<String, Path> logs = new java.util.LinkedHashMap<>();
        if (RunLog.current() != null) logs.put("mondorestore.log", RunLog.current());
        logs.put("boot-environment.log", Path.of("/tmp/mondorestore.log"));
        return logs;
    }
}
