package org.mondo.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.mondo.catalog.Entry;
import org.mondo.media.Xorriso;
import org.mondo.sets.Piece;
import org.mondo.sets.Piece.NamedFile;

/**
 * Fills volumes with finished pieces in order and turns each full one into an ISO image.
 * A set never spans volumes; a big file's slices may. A volume appears under its final name
 * only once complete (it is built as ".NAME.partial" and renamed), so an interrupted run
 * leaves nothing that looks like a finished volume.
 */
public final class VolumeWriter {
    private static final Logger LOG = Logger.getLogger("mondo.volumes");
    private static final long BLOCK = 2048;

    /** Writes what each volume carries besides the pieces: catalog, configuration, markers. */
    @FunctionalInterface
    public interface Metadata {
        /** Writes files into {@code staging}; returns nothing. {@code last} says whether more volumes follow. */
        void write(Path staging, int volume, boolean last) throws IOException;
    }

    /** Runs around each image: -B before it is made, -A after. */
    public interface Hooks {
        void before(Path iso, int volume) throws IOException;

        void after(Path iso, int volume) throws IOException;

        Hooks NONE = new Hooks() {
            public void before(Path iso, int volume) {}

            public void after(Path iso, int volume) {}
        };
    }

    /** The boot environment on volume 1 (mindi's files), or nothing for a non-bootable backup. */
    public interface BootFiles {
        /** Writes the boot files into volume 1's staging directory; returns the bytes they take. */
        long prepare(Path staging) throws IOException;

        /** The xorriso arguments that make the image bootable (El Torito, hybrid). */
        List<String> xorrisoArgs();

        BootFiles NONE = new BootFiles() {
            public long prepare(Path staging) {
                return 0;
            }

            public List<String> xorrisoArgs() {
                return List.of();
            }
        };
    }

    private final VolumeNaming naming;
    private final VolumeSizes sizes;
    private final Path stagingRoot;
    private final long metadataReserve;
    private final Metadata metadata;
    private final Hooks hooks;
    private final BootFiles boot;
    /** Volume 1's boot files while they are made; their bytes count once known. */
    private BootInBackground bootFiles;
    private final List<Path> written = new ArrayList<>();
    private int volume = 1;
    private Path staging;
    private long used;
    private int files;

    public VolumeWriter(VolumeNaming naming, VolumeSizes sizes, Path stagingRoot, long metadataReserve,
                        Metadata metadata, Hooks hooks, BootFiles boot) throws IOException {
        this.boot = boot;
        this.naming = naming;
        this.sizes = sizes;
        this.stagingRoot = stagingRoot;
        this.metadataReserve = metadataReserve;
        this.metadata = metadata;
        this.hooks = hooks;
        openVolume();
    }

    public int currentVolume() {
        return volume;
    }

    public List<Path> written() {
        return List.copyOf(written);
    }

    private void openVolume() throws IOException {
        staging = stagingRoot.resolve("volume-" + volume);
        Files.createDirectories(staging.resolve("archives"));
        used = 0;
        files = 0;
        if (volume == 1) bootFiles = new BootInBackground(boot, staging);
    }

    /**
     * Room left for pieces: the volume's size less the metadata, the ISO's own overhead and, on
     * volume 1, the boot files once known. Until they are, volume 1 takes pieces only up to a
     * margin that any boot environment fits in, then waits for them.
     */
    private long capacity() throws IOException {
        long bootBytes = volume == 1 ? bootFiles.bytesSoFar() : 0;
        return sizes.of(volume) - metadataReserve - Xorriso.estimateOverheadBytes(files + 16, 4) - bootBytes;
    }

    /** Boot environments are ~150 MiB; 1 GiB is room for the largest with firmware and a big kernel. */
    static final long BOOT_FILES_MARGIN = 1L << 30;

    private void waitForBootFilesNear(long need) throws IOException {
        if (volume == 1 && !bootFiles.done() && used + need > capacity() - BOOT_FILES_MARGIN) bootFiles.await();
    }

    private static long blocks(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    public void add(Piece piece) throws IOException {
        long need = 0;
        for (NamedFile f : piece.files()) need += blocks(f.size()) + Xorriso.estimateOverheadBytes(files + 1, 4)
                - Xorriso.estimateOverheadBytes(files, 4);
        waitForBootFilesNear(need);
        if (used + need > capacity()) {
            if (used == 0) {
                throw new IOException("a piece of " + need + " bytes does not fit on an empty volume of "
                        + sizes.of(volume) + " bytes: choose a bigger -s");
            }
            closeVolume(false);
            volume++;
            openVolume();
            if (need > capacity()) {
                throw new IOException("a piece of " + need + " bytes does not fit on an empty volume of "
                        + sizes.of(volume) + " bytes: choose a bigger -s");
            }
        }
        for (NamedFile f : piece.files()) {
            Files.move(f.file(), staging.resolve("archives").resolve(f.name()), StandardCopyOption.ATOMIC_MOVE);
            used += blocks(f.size());
            files++;
        }
        for (Entry e : piece.entries()) {
            if (e.firstVolume == 0) e.firstVolume = volume;
            e.lastVolume = volume;
        }
    }

    /** Closes the last volume. */
    public void finish() throws IOException {
        closeVolume(true);
    }

    private void closeVolume(boolean last) throws IOException {
        if (volume == 1) bootFiles.await();
        metadata.write(staging, volume, last);
        Path iso = naming.iso(volume);
        Path partial = naming.partial(volume);
        hooks.before(iso, volume);
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Xorriso.buildIso(staging, partial, naming.volumeId(volume), volume == 1 ? boot.xorrisoArgs() : List.of());
            long size = Files.size(partial);
            if (size > sizes.of(volume)) {
                throw new IOException("volume " + volume + " came out at " + size + " bytes, over the -s limit of "
                        + sizes.of(volume) + " (please report this)");
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            Files.move(partial, iso, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        LOG.info("volume " + volume + " written: " + iso + " (" + Files.size(iso) + " bytes" + (last ? ", last)" : ")"));
        written.add(iso);
        org.mondo.tools.FileTrees.delete(staging);
        hooks.after(iso, volume);
    }
}
