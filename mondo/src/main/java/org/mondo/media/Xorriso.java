package org.mondo.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mondo.tools.CommandRunner;
import org.mondo.tools.Tool;

/** Builds ISO 9660 images with xorriso's mkisofs emulation. */
public final class Xorriso {
    private static final int SECTOR = 2048;

    private Xorriso() {}

    /**
     * Writes the contents of {@code stagingDir} as the root of a new image at {@code outputIso}
     * (overwritten if present). -r: Rock Ridge with real names and sane ownership/permissions
     * (uid/gid 0, files readable by all); -iso-level 3: files of 4 GiB and more become multi-extent
     * instead of being refused. {@code extraBootArgs} (El Torito, isohybrid...) go before the source.
     */
    public static void buildIso(Path stagingDir, Path outputIso, String volumeId, List<String> extraBootArgs)
            throws IOException {
        if (volumeId.isEmpty() || volumeId.length() > 32) {
            throw new IllegalArgumentException("ISO volume id must be 1 to 32 characters: \"" + volumeId + "\"");
        }
        if (!Files.isDirectory(stagingDir)) {
            throw new NotDirectoryException(stagingDir.toString());
        }
        List<String> argv = new ArrayList<>(List.of(Tool.XORRISO.program(), "-as", "mkisofs",
                "-r", "-V", volumeId, "-iso-level", "3", "-o", outputIso.toAbsolutePath().toString()));
        argv.addAll(extraBootArgs);
        // Absolute, so a staging dir named like an option can never be taken for one.
        argv.add(stagingDir.toAbsolutePath().toString());
        CommandRunner.check(argv);
    }

    /**
     * A safe upper bound of the image's bytes beyond the file contents rounded up to 2048 each, for
     * an image from {@link #buildIso} without boot options; dirCount includes the root.
     * <p>
     * Measured with xorriso 1.5.4 (libisofs): file data never starts before LBA 32 (so the system
     * area, volume descriptors and small directory trees cost a flat 64 KiB), and the image ends with
     * 300 KiB of -pad plus one sector: 183 sectors with 0 to ~150 files in one directory. Beyond
     * that, per file, its directory record with Rock Ridge PX/TF/NM entries plus any continuation
     * area: ~130 bytes for 14-char names, ~420 bytes for 255-char names. Per directory, its own
     * extent (>= 1 sector), its record in the parent and its path table entries: 2176 bytes with
     * 4-char names, 2543 bytes with 255-char names. Hence
     * <pre>  64 KiB + 302 KiB + 16 KiB slack (descriptor terminator, ER/CE sector, path table rounding)
     *   + 512 * fileCount + 3072 * dirCount</pre>
     * which held with 17% to spare in the worst case measured (2000 files with 255-char names).
     * Each extra extent of a file of 4 GiB or more needs one more record; add 512 bytes per 4 GiB.
     */
    public static long estimateOverheadBytes(int fileCount, int dirCount) {
        if (fileCount < 0 || dirCount < 0) {
            throw new IllegalArgumentException("negative count");
        }
        long fixed = 32L * SECTOR + 151L * SECTOR + 8L * SECTOR;
        return fixed + 512L * fileCount + 3072L * Math.max(1, dirCount);
    }
}
