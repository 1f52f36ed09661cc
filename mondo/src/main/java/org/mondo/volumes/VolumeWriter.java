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
import org.mondo.media.GrowingIso;
import org.mondo.media.Xorriso;
import org.mondo.sets.Piece;
import org.mondo.sets.Piece.NamedFile;

/**
 * Fills volumes with finished pieces in order and turns each full one into an ISO image.
 * A set never spans volumes; a big file's slices may. A volume appears under its final name
 * only once complete (it is built as ".NAME.partial" and renamed), so an interrupted run
 * leaves nothing that looks like a finished volume.
 * <p>
 * A volume without boot files grows while it fills ({@link GrowingIso}): every
 * {@link #SESSION_BYTES} of pieces go into the image as a session while the next ones are
 * compressed, so closing it writes only the last pieces and the metadata. Volume 1 of a bootable
 * backup is made in one go once mindi's files are there.
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

    /**
     * Room each volume keeps for its metadata. Measuring it means writing the metadata once more
     * (~0.3 s of CPU for 70,000 files), so a quick upper bound serves until a volume gets near full.
     */
    public interface MetadataReserve {
        /** An upper bound of the metadata's bytes on any volume, quick to get. */
        long bound() throws IOException;

        /** A closer upper bound, asked for at most once, when the pieces near {@code size - bound()}. */
        long measure() throws IOException;

        static MetadataReserve fixed(long bytes) {
            return new MetadataReserve() {
                public long bound() {
                    return bytes;
                }

                public long measure() {
                    return bytes;
                }
            };
        }
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
    private final MetadataReserve reserve;
    /** The reserve's bound, then its measure once a volume came near full. */
    private long metadataReserve;
    private boolean reserveMeasured;
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
    /** The growing image of the current volume, from its first piece; null for one made in one go. */
    private GrowingIso image;
    private long uncommittedBytes;
    /** What the sessions written so far cost beyond their data (their trees, their alignment). */
    private long sessionsOverhead;

    /** Pieces gathered before a session is written: big enough that xorriso's per-session cost (~0.1 s) is small. */
    static final long SESSION_BYTES = 64L << 20;

    public VolumeWriter(VolumeNaming naming, VolumeSizes sizes, Path stagingRoot, MetadataReserve reserve,
                        Metadata metadata, Hooks hooks, BootFiles boot) throws IOException {
        this.boot = boot;
        this.naming = naming;
        this.sizes = sizes;
        this.stagingRoot = stagingRoot;
        this.reserve = reserve;
        this.metadataReserve = reserve.bound();
        LOG.info(() -> "metadata reserve: " + metadataReserve + " bytes a volume (bound; measured if a volume nears full)");
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
        uncommittedBytes = 0;
        sessionsOverhead = 0;
        if (volume == 1) bootFiles = new BootInBackground(boot, staging);
    }

    private boolean grows() {
        return volume > 1 || boot == BootFiles.NONE;
    }

    /**
     * Room left for pieces: the volume's size less the metadata, the ISO's own overhead and, on
     * volume 1, the boot files once known. Until they are, volume 1 takes pieces only up to a
     * margin that any boot environment fits in, then waits for them.
     */
    private long capacity() throws IOException {
        long bootBytes = volume == 1 ? bootFiles.bytesSoFar() : 0;
        // A growing image keeps room for one more session than it has written.
        long sessions = grows() ? sessionsOverhead + Xorriso.sessionOverheadBytes(files + 16, 4) : 0;
        return sizes.of(volume) - metadataReserve - Xorriso.estimateOverheadBytes(files + 16, 4) - bootBytes
                - sessions;
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
        if (used + need > capacity() && !reserveMeasured) {
            reserveMeasured = true;
            long measured = reserve.measure();
            LOG.info(() -> "metadata reserve: " + measured + " bytes measured (bound " + metadataReserve + ")");
            metadataReserve = Math.min(metadataReserve, measured);
        }
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
        if (grows()) grow(piece);
    }

    private void grow(Piece piece) throws IOException {
        if (image == null) image = startImage();
        for (NamedFile f : piece.files()) {
            image.add("archives/" + f.name());
            uncommittedBytes += blocks(f.size());
        }
        if (uncommittedBytes >= SESSION_BYTES) {
            image.commit();
            sessionsOverhead += Xorriso.sessionOverheadBytes(files, 4);
            uncommittedBytes = 0;
        }
    }

    /** Runs -B, then starts the image under its partial name (0600: it holds /etc/shadow). */
    private GrowingIso startImage() throws IOException {
        Path partial = createPartial();
        try {
            return GrowingIso.start(staging, partial, naming.volumeId(volume));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    private Path createPartial() throws IOException {
        Path partial = naming.partial(volume);
        hooks.before(naming.iso(volume), volume);
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return partial;
    }

    /** Stops the image being written and removes it (a backup given up halfway). */
    public void abort() {
        GrowingIso growing = image;
        if (growing == null) return;
        growing.close();
        try {
            Files.deleteIfExists(naming.partial(volume));
        } catch (IOException e) {
            LOG.warning("cannot remove " + naming.partial(volume) + ": " + e.getMessage());
        }
    }

    /** The last session: the pieces not written yet and the metadata. */
    private void finishImage() throws IOException {
        int rest = image.addTheRest();
        int sessions = image.sessions();
        image.finish();
        LOG.info("volume " + volume + ": " + (sessions + 1) + " session(s), the last with " + rest + " new file(s)");
    }

    /** Closes the last volume. */
    public void finish() throws IOException {
        closeVolume(true);
    }

    private void closeVolume(boolean last) throws IOException {
        if (volume == 1) bootFiles.await();
        metadata.write(staging, volume, last);
        Path iso = naming.iso(volume);
        if (grows() && image == null) image = startImage();
        Path partial = grows() ? naming.partial(volume) : createPartial();
        try {
            if (grows()) {
                finishImage();
            } else {
                Xorriso.buildIso(staging, partial, naming.volumeId(volume), boot.xorrisoArgs());
            }
            long size = Files.size(partial);
            if (size > sizes.of(volume)) {
                throw new IOException("volume " + volume + " came out at " + size + " bytes, over the -s limit of "
                        + sizes.of(volume) + " (please report this)");
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            Files.move(partial, iso, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            abort();
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            image = null;
        }
        LOG.info("volume " + volume + " written: " + iso + " (" + Files.size(iso) + " bytes" + (last ? ", last)" : ")"));
        written.add(iso);
        org.mondo.tools.FileTrees.delete(staging);
        hooks.after(iso, volume);
    }
}
