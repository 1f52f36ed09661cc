package org.mondo.restore.interactive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.mondo.catalog.Entry;
import org.mondo.catalog.Selection;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.progress.Sizes;
import org.mondo.read.Backup;
import org.mondo.restore.execute.BootLoaderStep;
import org.mondo.restore.execute.NukeRestore;
import org.mondo.restore.execute.TargetMounts;
import org.mondo.restore.files.FileRestore;
import org.mondo.restore.plan.DataNeeds;
import org.mondo.restore.plan.DiskChoice;
import org.mondo.restore.plan.PlanException;
import org.mondo.restore.plan.PlanCheck;
import org.mondo.restore.plan.PlanEditor;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.tools.Chroot;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.EfiBootMgr;
import org.mondo.restore.tools.Mounter;

/**
 * Interactive mode: the plan nuke would follow, its check, and commands to change it (sizes, types,
 * mount points, deleting and adding partitions and logical volumes), to choose what to restore
 * (a browser over the catalog), to restore files to another directory, or only the boot loader.
 * The restore starts after one confirmation; nothing is written before it.
 */
public final class InteractiveRestore {
    static final List<String> HELP = List.of(
            "size DEV SIZE          resize a partition or logical volume (e.g. size /dev/vda3 20g)",
            "type DEV TYPE          make ext4|ext3|ext2|xfs|vfat|btrfs|swap on DEV",
            "mount DEV DIR|-        mount point of DEV's filesystem (- for none)",
            "delete DEV             delete a partition or logical volume",
            "addpart DISK SIZE TYPE [DIR]    addlv VG NAME SIZE TYPE [DIR]",
            "ls [DIR]               browse the backup     only PATH... | only all    what to restore",
            "restore                partition, format and restore (asks once)",
            "to DIR                 restore the chosen files under DIR (no disk is changed)",
            "bootloader             reinstall only the boot loader on the disks as they are",
            "map SRC DST            restore the backup's disk SRC to this machine's disk DST (the plan is made anew)",
            "plan   help   quit");

    private final DiskChoice disks;
    private final DataNeeds dataNeeds;
    /** Null while no plan can be made (the disks are to be mapped by hand first). */
    private PlanEditor editor;
    private final Backup backup;
    private Map<String, Long> needs = Map.of();
    private final Commands commands;
    private final Path root;
    private final Map<String, Path> logs;
    private final CatalogBrowser browser;
    private final java.util.function.Function<String, List<String>> existingPartitions;
    private List<byte[]> only = List.of();
    private String message = "";

    /** Starts with the plan the disk choice gives; without one when the disks must be mapped by hand. */
    public InteractiveRestore(DiskChoice disks, Backup backup, DataNeeds needs, Commands commands, Path root,
            Map<String, Path> logs, java.util.function.Function<String, List<String>> existingPartitions)
            throws java.io.IOException {
        this.existingPartitions = existingPartitions;
        this.disks = disks;
        this.dataNeeds = needs;
        this.backup = backup;
        this.commands = commands;
        this.root = root;
        this.logs = logs;
        this.browser = new CatalogBrowser(backup.catalog());
        replan();
    }

    /** A new plan from the disk choice (edits are lost); says why when there is none. */
    private void replan() {
        try {
            RestorePlan plan = disks.plan();
            editor = new PlanEditor(plan);
            needs = PlanCheck.needsOnTarget(plan, dataNeeds);
        } catch (PlanException e) {
            editor = null;
            message = "no plan: " + e.getMessage() + "; choose with map SRC DST";
        }
    }

    private PlanEditor editor() {
        if (editor == null) throw new IllegalArgumentException("no plan yet: map the backup's disks to this machine's first (map SRC DST)");
        return editor;
    }

    /** The words the command line completes: commands and the plan's devices. */
    public List<String> completions() {
        List<String> out = new ArrayList<>(List.of("size", "type", "mount", "delete", "addpart", "addlv", "ls", "only",
                "restore", "to", "bootloader", "map", "plan", "help", "quit", "ext4", "xfs", "vfat", "btrfs", "swap"));
        out.addAll(disks.devices());
        if (editor == null) return out;
        RestorePlan p = editor.plan();
        p.target().disks().forEach(d -> {
            out.add(d.device());
            d.partitions().forEach(x -> out.add(x.device()));
        });
        p.target().logicalVolumes().forEach(l -> out.add(l.device()));
        return out;
    }

    /** Returns the exit status: 0 restored, 1 quit or failed. */
    public int run(Screen screen) throws Exception {
        while (true) {
            screen.show(page());
            String line = screen.readLine("mondo> ");
            if (line == null) return 1;
            List<String> w = List.of(line.trim().split("\\s+"));
            if (w.getFirst().isEmpty()) continue;
            message = "";
            try {
                switch (w.getFirst()) {
                    case "quit", "exit" -> {
                        return 1;
                    }
                    case "help", "plan" -> message = "";
                    case "map" -> {
                        disks.choose(arg(w, 1), arg(w, 2));
                        replan();
                        if (editor != null) message = arg(w, 1) + " goes to " + arg(w, 2) + ": the plan was made anew";
                    }
                    case "size" -> editor().resize(arg(w, 1), Sizes.parse(arg(w, 2)));
                    case "type" -> editor().setType(arg(w, 1), arg(w, 2));
                    case "mount" -> editor().setMountpoint(arg(w, 1), arg(w, 2));
                    case "delete" -> editor().delete(arg(w, 1));
                    case "addpart" -> editor().addPartition(arg(w, 1), Sizes.parse(arg(w, 2)), arg(w, 3), w.size() > 4 ? w.get(4) : "-");
                    case "addlv" -> editor().addLogicalVolume(arg(w, 1), arg(w, 2), Sizes.parse(arg(w, 3)), arg(w, 4),
                            w.size() > 5 ? w.get(5) : "-");
                    case "ls" -> {
                        List<String> page = new ArrayList<>(List.of("backup: " + (w.size() > 1 ? w.get(1) : "/")));
                        page.addAll(browser.list(w.size() > 1 ? w.get(1) : "/"));
                        screen.show(page);
                        screen.readLine("(Enter to go back) ");
                    }
                    case "only" -> only(w.subList(1, w.size()));
                    case "restore" -> {
                        Integer rc = restore(screen);
                        if (rc != null) return rc;
                    }
                    case "to" -> {
                        return restoreTo(Path.of(arg(w, 1)), screen);
                    }
                    case "bootloader" -> {
                        return bootLoaderOnly(screen);
                    }
                    default -> message = "unknown command '" + w.getFirst() + "' (help)";
                }
            } catch (PlanEditor.EditException | IllegalArgumentException e) {
                message = e.getMessage();
            }
        }
    }

    private static String arg(List<String> w, int i) {
        if (w.size() <= i) throw new IllegalArgumentException("'" + w.getFirst() + "' needs more words (help)");
        return w.get(i);
    }

    private void only(List<String> paths) {
        if (paths.isEmpty() || paths.equals(List.of("all"))) {
            only = List.of();
            message = "everything will be restored";
            return;
        }
        List<byte[]> roots = new ArrayList<>();
        for (String p : paths) roots.add(Selection.normalise(p));
        only = roots;
        message = "only " + String.join(" ", paths) + " will be restored";
    }

    private Predicate<Entry> selected() {
        if (only.isEmpty()) return e -> true;
        List<byte[]> roots = only;
        return e -> roots.stream().anyMatch(r -> PathBytes.isAtOrBelow(e.path, r)
                || PathBytes.isAtOrBelow(r, e.path) && e.type == org.mondo.nativeio.FileType.DIRECTORY);
    }

    List<String> page() {
        List<String> page = new ArrayList<>();
        page.add("Mondo interactive restore - backup of " + backup.config().get("hostname").orElse("?")
                + (only.isEmpty() ? ", everything" : ", only " + String.join(" ", only.stream().map(PathBytes::display).toList())));
        if (editor == null) {
            disks.describe().forEach(l -> page.add("  " + l));
            page.add("no plan yet: say which disk receives which (map SRC DST); 'to DIR' restores files without a plan");
        } else {
            RestorePlan p = editor.plan();
            p.describe().forEach(l -> page.add("  " + l));
            List<String> problems = PlanCheck.problems(p.target(), needs);
            page.add(problems.isEmpty() ? "check: the plan is consistent" : "check: " + problems.size() + " problem(s):");
            problems.forEach(x -> page.add("  ! " + x));
        }
        page.add("");
        if (!message.isEmpty()) page.add(">> " + message);
        page.addAll(HELP);
        return page;
    }

    /** null: back to the editor. */
    private Integer restore(Screen screen) throws Exception {
        RestorePlan p = editor().plan();
        List<String> problems = PlanCheck.problems(p.target(), needs);
        if (!problems.isEmpty()) {
            message = "fix the plan first: " + problems.getFirst();
            return null;
        }
        String answer = screen.readLine("Type YES to erase " + String.join(", ", p.targetDisks()) + " and restore: ");
        if (answer == null || !answer.trim().equals("YES")) {
            message = "not restored: nothing was written";
            return null;
        }
        return new NukeRestore(p, backup, commands, root, screen.out(), ProgressMeter.forConsole(),
                new NukeRestore.Options(Runtime.getRuntime().availableProcessors(), 0, logs, selected()),
                existingPartitions).run();
    }

    private int restoreTo(Path dir, Screen screen) throws Exception {
        Files.createDirectories(dir);
        FileRestore.Result r = new FileRestore(backup, PathBytes.of(dir.toAbsolutePath().toString()),
                Runtime.getRuntime().availableProcessors(), ProgressMeter.forConsole()).run(selected());
        screen.out().println(r.restored() + " entries restored under " + dir + (r.complete() ? "" : ", "
                + (r.damaged().size() + r.failed().size()) + " could not be"));
        return r.complete() ? 0 : 1;
    }

    /** The disks as they are: mount them, reinstall the boot loader from the restored system, unmount. */
    private int bootLoaderOnly(Screen screen) throws Exception {
        RestorePlan p = editor().plan();
        try (TargetMounts mounts = new TargetMounts(new Mounter(commands), root)) {
            mounts.mountAll(p.target(), false);
            for (String d : List.of("/dev", "/proc", "/sys", "/run")) mounts.bind(d);
            new BootLoaderStep(new Chroot(commands, root), new EfiBootMgr(commands), s -> screen.out().println("mondorestore: " + s))
                    .install(p, BootLoaderStep.uefiHere());
        }
        screen.out().println("boot loader reinstalled");
        return 0;
    }
}
