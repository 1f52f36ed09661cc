package org.mondo.restore.bootenv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.layout.Mount;
import org.mondo.layout.Partition;
import org.mondo.log.UserError;
import org.mondo.progress.Sizes;
import org.mondo.volumes.RestoreConfig;

/**
 * mondorestore started by the boot environment's /init: reads the backup's configuration and
 * layout, shows the disks it finds, and enters the chosen mode. Partitioning, formatting and
 * extraction (nuke, interactive) and the compare of the disks come with the bare-metal restore;
 * until then nuke runs only as a dry run that says what it would do. On a rescue disc (mindi alone:
 * the configuration has a rescue-id and no backup-id) there is no backup: nuke's dry run still shows
 * how this machine was partitioned, from the layout the disc carries.
 */
public final class BootEnvRun {
    public static final Set<String> WORDS = Set.of("yes", "noresize", "nopart", "textonly", "donteject", "dryrun",
            "poweroff");

    private final BootEnvironment env;
    private final Path sysBlock;
    private final PrintStream out;

    public BootEnvRun(BootEnvironment env, Path sysBlock, PrintStream out) {
        this.env = env;
        this.sysBlock = sysBlock;
        this.out = out;
    }

    public int run(String mode, List<String> words) throws IOException, UserError {
        for (String w : words) {
            if (!WORDS.contains(w)) throw new UserError("unknown boot word '" + w + "' (" + String.join(" ", WORDS) + ")");
        }
        RestoreConfig cfg = env.config();
        boolean rescue = cfg.get("backup-id").isEmpty() && cfg.get("rescue-id").isPresent();
        if (rescue) {
            out.println("Mondo rescue disc " + cfg.require("rescue-id") + " of " + cfg.get("hostname").orElse("?")
                    + " made " + cfg.get("datestamp").orElse("?") + ", medium " + env.mediumDevice()
                    + ": it carries no backup");
        } else {
            out.println("Mondo restore: backup " + cfg.require("backup-id") + " of " + cfg.get("hostname").orElse("?")
                    + " taken " + cfg.get("datestamp").orElse("?") + ", medium " + env.mediumDevice());
        }
        Optional<Layout> layout = layout();
        List<TargetDisks.Disk> disks = TargetDisks.list(sysBlock, env.mediumDevice());
        out.println("Disks of this machine:");
        if (disks.isEmpty()) out.println("  (none)");
        for (TargetDisks.Disk d : disks) {
            out.println("  " + d.device() + "  " + Sizes.human(d.bytes()) + (d.model().isEmpty() ? "" : "  " + d.model())
                    + (d.removable() ? "  (removable)" : ""));
        }
        out.println("mode: " + mode + (words.isEmpty() ? "" : " (" + String.join(" ", words) + ")"));
        if (rescue && !(mode.equals("nuke") && words.contains("dryrun"))) {
            out.println(mode + ": this rescue disc carries no backup: boot volume 1 of a backup, or restore files"
                    + " from a backup's ISO images with mondorestore -i -d DIR --restore-to TARGET");
            return 1;
        }
        return switch (mode) {
            case "nuke" -> nuke(layout, disks, words);
            case "compare" -> compare(layout);
            case "interactive" -> interactive(layout, disks);
            default -> throw new UserError("unknown mode '" + mode + "' (nuke, interactive, compare, expert)");
        };
    }

    private Optional<Layout> layout() throws IOException {
        Optional<String> text = env.layoutText();
        if (text.isEmpty()) return Optional.empty();
        return Optional.of(LayoutFormat.parse(text.get()));
    }

    private int nuke(Optional<Layout> layout, List<TargetDisks.Disk> disks, List<String> words) {
        if (layout.isEmpty()) {
            out.println("nuke: the backup carries no disk layout: nothing to partition");
            return 1;
        }
        List<Disk> source = layout.get().disks();
        for (int i = 0; i < source.size(); i++) {
            Disk s = source.get(i);
            String target = i < disks.size() ? disks.get(i).device() : "(no disk left)";
            out.println("would partition " + target + " as " + s.device() + " was: " + describe(s));
            for (Partition p : s.partitions()) {
                out.println("  " + p.number() + ": sectors " + p.start() + "-" + p.end() + " ("
                        + Sizes.human((p.end() - p.start() + 1) * s.logicalSectorSize()) + ") type " + p.type()
                        + (p.flags().isEmpty() ? "" : " " + p.flags()) + fsOf(layout.get(), p.device()));
            }
        }
        if (words.contains("dryrun")) {
            out.println("nuke: dry run, no disk was changed");
            return 0;
        }
        out.println("nuke: partitioning and restoring are not in this release: rerun with 'nuke dryrun'");
        return 1;
    }

    private static String describe(Disk d) {
        return d.table().name().toLowerCase() + ", " + Sizes.human(d.sizeBytes()) + ", " + d.partitions().size()
                + " partition(s)";
    }

    private static String fsOf(Layout l, String device) {
        for (FileSystem f : l.fileSystems()) {
            if (f.device().equals(device)) {
                String mp = "";
                for (Mount m : l.mounts()) if (device.equals(m.device())) mp = " on " + m.mountpoint();
                return ", " + f.type() + mp;
            }
        }
        return l.swap(device).isPresent() ? ", swap" : "";
    }

    private int compare(Optional<Layout> layout) {
        if (layout.isEmpty()) {
            out.println("compare: the backup carries no disk layout: nothing to mount");
            return 1;
        }
        for (Mount m : layout.get().mounts()) {
            out.println("compare: would mount " + m.device() + " (" + m.type() + ") read-only on /mnt/RESTORING"
                    + m.mountpoint());
        }
        out.println("compare: comparing the disks is not in this release");
        return 1;
    }

    private int interactive(Optional<Layout> layout, List<TargetDisks.Disk> disks) {
        out.println("interactive: the restore editor is not in this release; layout of the backup:");
        layout.ifPresent(l -> {
            for (Disk d : l.disks()) out.println("  " + d.device() + ": " + describe(d));
        });
        return 1;
    }
}
