package org.mondo.restore.execute;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Function;

import org.mondo.log.RunLog;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.read.Backup;
import org.mondo.restore.files.FileRestore;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.tools.Chroot;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.EfiBootMgr;
import org.mondo.restore.tools.Mounter;

/**
 * A whole-machine restore from a plan: build the storage, mount it, restore every file, make it
 * bootable, fix what the new disks changed, copy the logs into it, unmount. Each phase is timed;
 * the summary says how long each took. Nothing is written before {@link Countdown} has run out
 * (or "yes" was given), and only to the plan's disks.
 */
public final class NukeRestore {
    /** {@code logs}: the name each log gets in the restored /var/log/mondo/, and where it is now. */
    public record Options(int threads, int countdownSeconds, java.util.Map<String, Path> logs,
            java.util.function.Predicate<org.mondo.catalog.Entry> selected) {}

    private final RestorePlan plan;
    private final Backup backup;
    private final Commands commands;
    private final Path root;
    private final PrintStream out;
    private final ProgressMeter progress;
    private final Options options;
    private final Function<String, List<String>> existingPartitions;

    public NukeRestore(RestorePlan plan, Backup backup, Commands commands, Path root, PrintStream out,
            ProgressMeter progress, Options options, Function<String, List<String>> existingPartitions) {
        this.plan = plan;
        this.backup = backup;
        this.commands = commands;
        this.root = root;
        this.out = out;
        this.progress = progress;
        this.options = options;
        this.existingPartitions = existingPartitions;
    }

    /** Returns 0 when every file came back and the system was made bootable, 1 otherwise. */
    public int run() throws Exception {
        out.println("The restore will do this:");
        plan.describe().forEach(l -> out.println("  " + l));
        if (!Countdown.run(options.countdownSeconds(), plan.targetDisks(), out)) return 1;
        PhaseClock clock = new PhaseClock();
        ProgressLine say = s -> {
            out.println("mondorestore: " + s);
            java.util.logging.Logger.getLogger("mondo.restore").info(s);
        };
        Path work = Files.createTempDirectory("mondo-nuke", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        boolean uefi = BootLoaderStep.uefiHere();
        FileRestore.Result files;
        try (TargetMounts mounts = new TargetMounts(new Mounter(commands), root)) {
            if (plan.partition()) {
                clock.start("partition and format");
                new StorageBuilder(commands, existingPartitions, new DeviceNodes(30_000), work, !udevRunning())
                        .build(plan, say);
            }
            clock.start("mount");
            mounts.mountAll(plan.target(), false);
            clock.start("restore files");
            files = new FileRestore(backup, PathBytes.of(root.toString()), options.threads(), progress).run(options.selected());
            progress.done();
            say.say(files.restored() + " entries restored" + (files.complete() ? "" : ", "
                    + (files.damaged().size() + files.failed().size()) + " could not be"));
            clock.start("boot loader");
            for (String d : List.of("/dev", "/dev/pts", "/proc", "/sys", "/run")) {
                if (Files.isDirectory(Path.of(d))) mounts.bind(d);
            }
            EfiBootMgr efibootmgr = new EfiBootMgr(commands);
            if (uefi) {
                efibootmgr.mountVariables(); // before the bind: grub-install in the chroot needs them too
                if (Files.isDirectory(efibootmgr.variables())) mounts.bind(efibootmgr.variables().toString());
            }
            Chroot chroot = new Chroot(commands, root);
            new BootLoaderStep(chroot, efibootmgr, say).install(plan, uefi);
            clock.start("fix-ups");
            if (!plan.exact()) {
                List<String> changed = SystemFixups.renameDevices(root, plan.deviceMap());
                if (!changed.isEmpty()) say.say("device names changed in " + String.join(", ", changed));
                new InitramfsStep(chroot, say).run(plan);
            }
            if (SystemFixups.requestSelinuxRelabel(root)) say.say("SELinux: the restored system relabels at first boot");
            clock.start("copy the logs, unmount");
            copyLogs(say);
            List<String> stuck = mounts.unmountAll();
            if (!stuck.isEmpty()) say.say("could not unmount " + String.join(", ", stuck));
            commands.status(List.of("sync"));
        } finally {
            org.mondo.tools.FileTrees.delete(work);
        }
        out.println("Restore finished. Time per phase:");
        clock.summary().forEach(out::println);
        if (!files.complete()) {
            out.println((files.damaged().size() + files.failed().size()) + " entries could not be restored; see "
                    + RunLog.current());
            return 1;
        }
        return 0;
    }

    /** The restore's logs go into the restored system (/var/log/mondo/), readable by root only. */
    private void copyLogs(ProgressLine say) throws IOException {
        Path dir = root.resolve("var/log/mondo");
        Files.createDirectories(dir);
        for (var e : options.logs().entrySet()) {
            Path log = e.getValue();
            if (log == null || !Files.isRegularFile(log)) continue;
            Path to = dir.resolve(e.getKey());
            Files.copy(log, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
        }
        say.say("logs copied to /var/log/mondo/ of the restored system");
    }

    private static boolean udevRunning() {
        return Files.exists(Path.of("/run/udev/control"));
    }
}
