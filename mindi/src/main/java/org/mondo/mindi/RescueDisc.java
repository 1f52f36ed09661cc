package org.mondo.mindi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import org.mondo.log.UserError;
import org.mondo.media.Xorriso;
import org.mondo.progress.Sizes;
import org.mondo.volumes.RestoreConfig;
import org.mondo.volumes.VolumeFiles;

/**
 * {@code mindi} alone: the rescue disc of this machine (MondoRescue's mondorescue.iso). The boot
 * environment of volume 1 (kernel, modules, tools, Java runtime, mondorestore, this machine's layout
 * when it can be read) in a hybrid ISO that boots under BIOS and UEFI and from a USB disk, without a
 * backup. It has its own id ({@code mondo/RESCUE-ID}), by which /init finds it, and opens a shell.
 * Written to FILE.partial (mode 0600) and renamed; an existing FILE is never replaced.
 */
final class RescueDisc {
    private static final Logger LOG = Logger.getLogger("mondo.mindi");

    record Options(Path output, Path kernel, Path modulesDir, List<String> extraModules, String extraKernelArgs,
                   Path work) {}

    record Result(Path iso, String id, long bytes, String summary) {}

    private RescueDisc() {}

    static Result write(Options o) throws IOException, UserError {
        String id = "rescue-" + UUID.randomUUID();
        String label = "MONDORESCUE_" + id.substring("rescue-".length(), "rescue-".length() + 8).toUpperCase();
        RestoreConfig cfg = new RestoreConfig()
                .set("format-version", VolumeFiles.FORMAT_VERSION)
                .set("rescue-id", id)
                .set("datestamp", ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .set("hostname", hostname())
                .set("arch", System.getProperty("os.arch"))
                .set("mondo-version", org.mondo.archive.Version.text());
        Path work = o.work() != null ? Files.createDirectories(o.work())
                : Files.createTempDirectory(Path.of("/var/tmp"), "mindi.");
        Path partial = o.output().resolveSibling(o.output().getFileName() + ".partial");
        try {
            Path staging = Files.createDirectories(work.resolve("rescue-disc"));
            BootFiles.Result boot = BootFiles.write(new BootFiles.Options(staging, o.kernel(), o.modulesDir(),
                    o.extraModules(), false, label, cfg, work, o.extraKernelArgs(), null, List.of(), id));
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Xorriso.buildIso(staging, partial, label, boot.xorrisoArgs());
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            if (Files.exists(o.output())) {
                throw new UserError(o.output() + " appeared while mindi ran: not replaced; the disc is " + partial, 1);
            }
            Files.move(partial, o.output(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            if (o.work() == null) org.mondo.tools.FileTrees.delete(work);
            else org.mondo.tools.FileTrees.delete(work.resolve("rescue-disc"));
        }
        long bytes = Files.size(o.output());
        String summary = "rescue disc " + o.output() + " (" + Sizes.human(bytes) + ", id " + id
                + "): boots BIOS and UEFI, CD or USB disk; no backup on it";
        LOG.info(summary);
        return new Result(o.output(), id, bytes, summary);
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
