package org.mondo.restore.bootenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.mondo.media.IsoImage;
import org.mondo.media.IsoFile;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.Mounter;
import org.mondo.tools.ToolException;
import org.mondo.volumes.VolumeFiles;

/**
 * Finds the volumes of the backup in the boot environment: volume 1 is the boot medium itself;
 * the others are ISO files (PREFIX-N.iso) on any other disk or partition, found by mounting each
 * read-only and checking the file's backup id — never by device name. The disks that hold volumes
 * are remembered so that nothing writes to them.
 */
public final class VolumeFinder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("mondo.restore");
    private final Commands commands;
    private final Path sysClassBlock;
    private final Path mountBase;
    private final List<String> mounted = new ArrayList<>();
    private final Set<String> holders = new LinkedHashSet<>();

    public VolumeFinder(Commands commands, Path sysClassBlock, Path mountBase) {
        this.commands = commands;
        this.sysClassBlock = sysClassBlock;
        this.mountBase = mountBase;
    }

    /** The medium (volume 1) and every PREFIX-N.iso of this backup found on the other devices. */
    public List<Path> find(String medium, String backupId, String prefix) throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of(medium)));
        holders.add(medium);
        Files.createDirectories(mountBase);
        for (String dev : candidates(medium)) {
            Path dir = mountBase.resolve(dev.substring(dev.lastIndexOf('/') + 1));
            Files.createDirectories(dir);
            try {
                // ro and, for journaling filesystems, no journal replay: looking must not write.
                new Mounter(commands).mount(dev, dir.toString(), null, noWriteOptions(dev));
            } catch (ToolException e) {
                continue; // no filesystem, or one this kernel cannot read
            }
            List<Path> found = volumesIn(dir, backupId, prefix);
            if (found.isEmpty()) {
                commands.status(List.of("umount", dir.toString()));
            } else {
                mounted.add(dir.toString());
                holders.add(dev);
                LOG.info(dev + " holds " + found);
                out.addAll(found);
            }
        }
        return out;
    }

    /** Devices that hold volumes of this backup (the medium included): a restore must not touch them. */
    public Set<String> holders() {
        return holders;
    }

    private List<String> candidates(String medium) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(sysClassBlock)) return out;
        try (Stream<Path> s = Files.list(sysClassBlock)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.matches("(loop|ram|zram|sr|fd|nbd).*") || ("/dev/" + name).equals(medium)) continue;
                if (hasPartitions(p, name)) continue; // its partitions are candidates, the disk itself is not
                out.add("/dev/" + name);
            }
        }
        return out;
    }

    private String noWriteOptions(String dev) {
        try {
            return Mounter.readOnlyOptions(commands.check(List.of("blkid", "-o", "value", "-s", "TYPE", dev)).trim());
        } catch (ToolException e) {
            return "ro";
        }
    }

    private static boolean hasPartitions(Path sysEntry, String name) {
        try (Stream<Path> s = Files.list(sysEntry)) {
            return s.anyMatch(c -> c.getFileName().toString().startsWith(name) && Files.exists(c.resolve("partition")));
        } catch (IOException e) {
            return false;
        }
    }

    /** PREFIX-N.iso files up to three directories deep whose BACKUP-ID is ours. */
    static List<Path> volumesIn(Path dir, String backupId, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.find(dir, 3, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "-\\d+\\.iso"))) {
            for (Path iso : s.sorted().toList()) {
                try (IsoImage img = IsoImage.open(iso)) {
                    var id = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.BACKUP_ID);
                    if (id.isPresent() && img.text(id.get()).equals(backupId)) out.add(iso);
                } catch (IOException e) {
                    LOG.info(iso + " is not readable as a volume: " + e.getMessage());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.info("searching " + dir + ": " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() throws ToolException {
        for (String d : mounted) commands.status(List.of("umount", d));
        mounted.clear();
    }
}
