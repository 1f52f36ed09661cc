package org.mondo.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mondo.tools.CommandRunner;
import org.mondo.tools.Tool;

/**
 * Builds ISO 9660 images with xorriso's mkisofs emulation. Beware: libisofs 1.5.4 (Debian 12)
 * aborts (exit 32, "Calculated/written tree end address mismatch") on directories holding many
 * names longer than ~150 bytes; Mondo's own names are short, and the failure is at least loud.
 */
public final class Xorriso {
    private static final int SECTOR = 2048;

    private Xorriso() {}

    /**
     * Writes the contents of {@code stagingDir} as the root of a new image at {@code outputIso}
     * (overwritten if present). -r: Rock Ridge with real names and sane ownership/permissions
     * (uid/gid 0, files readable by all); -iso-level 3: files of 4 GiB and more become multi-extent
     * instead of being refused. -stdio_sync off: xorriso fsyncs a file it writes every 16 MiB by
     * default, which made it wait for the disk on each (2.2 s instead of ~0.8 s for 500 MB); the
     * image is written back like any other file (the volume is complete once the rename is done).
     * {@code extraBootArgs} (El Torito, isohybrid...) go before the source.
     */
    public static void buildIso(Path stagingDir, Path outputIso, String volumeId, List<String> extraBootArgs)
            throws IOException {
        checkVolumeId(volumeId);
        if (!Files.isDirectory(stagingDir)) {
            throw new NotDirectoryException(stagingDir.toString());
        }
        List<String> argv = new ArrayList<>(List.of(Tool.XORRISO.program(), "-stdio_sync", "off", "-pacifier", "interval=0.1", "-as", "mkisofs",
                "-r", "-V", volumeId, "-iso-level", "3", "-o", outputIso.toAbsolutePath().toString()));
        argv.addAll(extraBootArgs);
        // Absolute, so a staging dir named like an option can never be taken for one.
        argv.add(stagingDir.toAbsolutePath().toString());
        CommandRunner.check(argv);
    }

    static void checkVolumeId(String volumeId) {
        if (volumeId.isEmpty() || volumeId.length() > 32) {
            throw new IllegalArgumentException("ISO volume id must be 1 to 32 characters: \"" + volumeId + "\"");
        }
    }

    /**
     * A safe upper bound of what one session of a {@link GrowingIso} costs beyond its files' data,
     * before the last one (which {@link #estimateOverheadBytes} covers): xorriso starts each session
     * on a 32-sector boundary (up to 62 KiB of gap), and writes its volume descriptors and a tree of
     * every file so far (measured with xorriso 1.5.4: 24-26 sectors for 40 files in 2 directories).
     */
    public static long sessionOverheadBytes(int fileCount, int dirCount) {
        return 32L * SECTOR + 32L * SECTOR + 512L * fileCount + 3072L * Math.max(1, dirCount);
    }

    /**
     * A safe upper bound of the image's bytes beyond the file contents rounded up to 2048 each, for
     * an image from {@link #buildIso} without boot options; dirCount includes the root.
     * <p>
     * Measured with xorriso 1.5.4 (libisofs): file data never starts before LBA 32, so the system
     * area, volume descriptors and a small tree cost a flat 64 KiB; the image ends with the 300 KiB
     * of -pad plus one sector. Hence 183 sectors for 0 to ~150 files in one directory. Beyond that,
     * per file, its directory record with Rock Ridge PX/TF/NM entries (plus a continuation area for
     * long names): 136 bytes with 14-char names, 358 with 186-char names, ~430 extrapolated to 255.
     * Per directory: its own extent (at least a sector), its record in the parent and its path table
     * entries: 2176 bytes with 4-char names, 2460 with 171-char names. Hence
     * <pre>  64 KiB + 302 KiB + 16 KiB slack (terminator, ER/CE sector, path table rounding)
     *   + 512 * fileCount + 3072 * dirCount</pre>
     * Tightest case measured: 2000 files with 156-char names in 500 dirs with 151-char names,
     * 2,596,864 bytes against a bound of 2,954,240 (12% spare); with short names it is 2x loose.
     * Each extra extent of a file of 4 GiB or more needs one more record: add 512 bytes per 4 GiB.
     */
    public static long estimateOverheadBytes(int fileCount, int dirCount) {
        if (fileCount < 0 || dirCount < 0) {
            throw new IllegalArgumentException("negative count");
        }
        long fixed = 32L * SECTOR + 151L * SECTOR + 8L * SECTOR;
        return fixed + 512L * fileCount + 3072L * Math.max(1, dirCount);
    }
}
