package org.mondo.mindi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.mondo.log.UserError;
import org.mondo.mindi.bootenv.BootEnvironmentBuilder;
import org.mondo.mindi.bootenv.KernelImage;
import org.mondo.mindi.deps.Deplist;
import org.mondo.mindi.deps.ModuleIndex;
import org.mondo.mindi.deps.ModuleSelection;
import org.mondo.mindi.media.BootMenu;
import org.mondo.mindi.media.GrubEfiImage;
import org.mondo.mindi.media.IsolinuxFiles;
import org.mondo.progress.Sizes;
import org.mondo.tools.MondoHome;
import org.mondo.volumes.RestoreConfig;

/**
 * Writes everything that makes volume 1 boot into its staging directory: kernel, initramfs,
 * stage 2, isolinux and GRUB EFI files, menus; and the xorriso arguments for the image. The same
 * for a rescue disc (no backup): then {@code rescueId} is set, the configuration has no backup id,
 * and the disc says who it is in {@code mondo/RESCUE-ID}, which /init looks for.
 */
final class BootFiles {
    private static final Logger LOG = Logger.getLogger("mondo.mindi");

    record Options(Path staging, Path kernel, Path modulesDir, List<String> extraModules, boolean nukeByDefault,
                   String volumeLabel, RestoreConfig config, Path work, String extraKernelArgs, Path layoutFile,
                   List<String> leaveOut, String rescueId) {
        /** Volume 1 of a backup. */
        Options(Path staging, Path kernel, Path modulesDir, List<String> extraModules, boolean nukeByDefault,
                String volumeLabel, RestoreConfig config, Path work, String extraKernelArgs, Path layoutFile,
                List<String> leaveOut) {
            this(staging, kernel, modulesDir, extraModules, nukeByDefault, volumeLabel, config, work, extraKernelArgs,
                    layoutFile, leaveOut, null);
        }
    }

    /** Where a rescue disc keeps its id (volume 1 of a backup has archives/BACKUP-ID instead). */
    static final String RESCUE_ID_FILE = "mondo/RESCUE-ID";

    record Result(long bytes, List<String> xorrisoArgs, String summary) {}

    private BootFiles() {}

    static Result write(Options o) throws IOException, UserError {
        long start = System.nanoTime();
        String release = KernelImage.release(o.kernel());
        Path modulesDir = o.modulesDir() != null ? o.modulesDir() : Path.of("/lib/modules", release);
        if (!Files.isDirectory(modulesDir)) {
            throw new UserError("no modules for kernel " + release + " in " + modulesDir + ": give --modules-dir", 1);
        }
        ModuleSelection selection = new ModuleSelection(ModuleIndex.load(modulesDir))
                .classes(ModuleSelection.defaultClasses())
                .extra(o.extraModules());
        Path modulesConf = Path.of("/etc/mindi/modules.conf");
        if (Files.isRegularFile(modulesConf)) selection.extraConfig(modulesConf);
        ModuleSelection.Result mods = selection.select();
        Deplist.Result tools = Deplist.standard(List.of()).resolve();
        for (Deplist.Entry absent : tools.absent()) LOG.info("optional tool not on this system: " + absent.spec());

        Map<String, String> etc = new LinkedHashMap<>();
        StringBuilder cfg = new StringBuilder();
        try (var out = new java.io.ByteArrayOutputStream()) {
            o.config().write(out);
            cfg.append(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        etc.put(RestoreConfig.FILE, cfg.toString());
        String id = o.rescueId() != null ? o.rescueId() : o.config().require("backup-id");
        etc.put(o.rescueId() != null ? "rescue-id" : "backup-id", id + "\n");
        etc.put("version", org.mondo.archive.Version.text() + "\n");
        List<String> warnings = new ArrayList<>();
        try {
            org.mondo.layout.Layout layout;
            if (o.layoutFile() != null) {
                layout = org.mondo.layout.LayoutFormat.parse(Files.readString(o.layoutFile()));
                LOG.info("layout from " + o.layoutFile() + " (not read from this machine)");
            } else {
                org.mondo.mindi.layout.LayoutReader reader = new org.mondo.mindi.layout.LayoutReader(
                        new org.mondo.mindi.layout.LiveMachine(), org.mondo.mindi.layout.LayoutReader.Options.allDisks());
                layout = reader.read();
                for (String w : reader.warnings()) LOG.warning("layout: " + w);
                // The disk the backup is written to is not part of the machine to restore.
                org.mondo.layout.BackupDisks.Result r = org.mondo.layout.BackupDisks.leaveOut(layout, o.leaveOut());
                if (!r.leftOut().isEmpty()) LOG.info("layout: left out " + r.leftOut() + ", the backup's destination");
                layout = r.layout();
            }
            etc.put("layout.conf", org.mondo.layout.LayoutFormat.toText(layout));
            etc.put("mountlist.txt", org.mondo.layout.Mountlist.from(layout).toText());
        } catch (IOException e) {
            // The media still boot, compare and restore files; only recreating the disks needs the layout.
            String w = "cannot read this machine's disk layout (" + e.getMessage()
                    + "): the boot media will not be able to recreate the disks";
            LOG.warning(w);
            warnings.add(w);
        }

        Path boot = Files.createDirectories(o.staging().resolve("boot"));
        Path mondo = Files.createDirectories(o.staging().resolve("mondo"));
        Files.copy(o.kernel(), boot.resolve("vmlinuz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BootEnvironmentBuilder.Result env = BootEnvironmentBuilder.build(new BootEnvironmentBuilder.Spec(release,
                modulesDir, mods.moduleFiles(), mods.loadOrder(), mods.firmware(), mods.firmwareRoot(),
                tools.files().paths(), MondoHome.restoreJars(), etc), boot.resolve("initrd.img"),
                mondo.resolve("stage2.cpio"), o.work());

        String host = o.config().get("hostname").orElse("?");
        String date = o.config().get("datestamp").orElse("?");
        BootMenu menu = o.rescueId() != null ? BootMenu.rescue(host, date, release, id, o.extraKernelArgs())
                : new BootMenu(host, date, release, id, o.nukeByDefault(), o.extraKernelArgs());
        if (o.rescueId() != null) Files.writeString(o.staging().resolve(RESCUE_ID_FILE), id + "\n");
        IsolinuxFiles.install(o.staging());
        Files.writeString(boot.resolve("isolinux/isolinux.cfg"), menu.isolinuxCfg());
        Files.writeString(boot.resolve("isolinux/message.txt"), menu.message());
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"), menu.grubCfg());
        GrubEfiImage.build(boot.resolve("efi.img"), o.volumeLabel(), o.work().resolve("grub"));

        long bytes = 0;
        try (var walk = Files.walk(o.staging())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) bytes += Files.size(p);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        String summary = String.format("boot environment: kernel %s, %d modules, %d tool files, initramfs %s, stage 2 %s,"
                        + " %s on %s, built in %.1f s", release, env.modules(), env.tools(),
                Sizes.human(env.initramfsBytes()), Sizes.human(env.stage2Bytes()), Sizes.human(bytes),
                o.rescueId() != null ? "the rescue disc" : "volume 1", secs);
        LOG.info(summary);
        if (!mods.notFound().isEmpty()) LOG.info("modules this kernel lacks: " + mods.notFound());
        List<String> args = new ArrayList<>(IsolinuxFiles.xorrisoArgs());
        for (String w : warnings) System.out.println("warning: " + w);
        return new Result(bytes, args, summary);
    }
}
