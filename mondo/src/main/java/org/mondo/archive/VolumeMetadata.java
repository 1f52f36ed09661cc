package org.mondo.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPOutputStream;

import org.mondo.catalog.CatalogFormat;
import org.mondo.catalog.Entry;
import org.mondo.codec.Codec;
import org.mondo.nativeio.ByteLine;
import org.mondo.nativeio.PathBytes;
import org.mondo.sets.Problems;
import org.mondo.volumes.RestoreConfig;
import org.mondo.volumes.VolumeFiles;
import org.mondo.volumes.VolumeWriter;

/**
 * What every volume carries besides the data: its number and whether it is the last, the
 * backup id, mondorestore.cfg, the catalog (complete up to this volume: locations and checksums
 * of what is not yet written are "-"), filelist.full.gz and biggielist.txt.
 */
final class VolumeMetadata implements VolumeWriter.Metadata, VolumeWriter.MetadataReserve {
    private final BackupOptions o;
    private final String backupId;
    private final List<Entry> catalog;
    private final Path tmp;
    private final Problems problems;
    private final int sliceBytes;
    private final String date = OffsetDateTime.now().withNano(0).toString();

    VolumeMetadata(BackupOptions o, String backupId, List<Entry> catalog, Path tmp, Problems problems, int sliceBytes) {
        this.sliceBytes = sliceBytes;
        this.o = o;
        this.backupId = backupId;
        this.catalog = catalog;
        this.tmp = tmp;
        this.problems = problems;
    }

    /**
     * What the metadata can take at most, without compressing it: the catalog's and the file list's
     * lines as text (gzip never grows text by more than ~0.1 %), each file's checksum, codec and each entry's
     * location at their longest, the big-file list no longer than the file list, and 1 MiB for the small files.
     */
    @Override
    public long bound() throws IOException {
        long catalogText = CatalogFormat.textBytes(catalog);
        long listText = 0;
        long files = 0;
        long entries = 0;
        for (Entry e : catalog) {
            if (e.gone) continue;
            listText += e.path.length * 4L + 1; // an escape takes at most 4 bytes a byte
            entries++;
            if (e.hasContent()) files++;
        }
        long text = catalogText + files * (64 + LONGEST_CODEC) + entries * LONGEST_WHERE + 2 * listText;
        return text + text / 500 + (1L << 20);
    }

    /** The codec suffix a file's line gains once it is compressed. */
    private static final int LONGEST_CODEC =
            Arrays.stream(Codec.values()).mapToInt(c -> c.suffix.length()).max().orElse(0);

    /** "b2147483647x2147483647@65535-65535": the longest location field. */
    private static final int LONGEST_WHERE = 34;

    /**
     * Room measured by writing the metadata once now, plus the checksums still missing (64 hex
     * digits a file, which hardly compress).
     */
    @Override
    public long measure() throws IOException {
        Path probe = Files.createDirectories(tmp.resolve("metadata-probe"));
        write(probe, 1, false);
        long total = 0;
        try (var files = Files.walk(probe)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) total += Files.size(p);
        }
        org.mondo.tools.FileTrees.delete(probe);
        long files = catalog.stream().filter(Entry::hasContent).count();
        return total + files * 40 + (1L << 20);
    }

    @Override
    public void write(Path staging, int volume, boolean last) throws IOException {
        Path dir = Files.createDirectories(staging.resolve(VolumeFiles.DIR));
        Files.writeString(dir.resolve(VolumeFiles.THIS_NUMBER), volume + "\n");
        Files.writeString(dir.resolve(VolumeFiles.BACKUP_ID), backupId + "\n");
        Path notLast = dir.resolve(VolumeFiles.NOT_THE_LAST);
        if (last) Files.deleteIfExists(notLast);
        else Files.writeString(notLast, "volume " + (volume + 1) + " follows\n");
        config(volume, last).write(Files.newOutputStream(dir.resolve(RestoreConfig.FILE)));
        // The filelist and the catalog's two halves are gzipped side by side: they are the serial
        // tail of the last volume. Two gzip members make one valid .gz (zcat and GZIPInputStream
        // read them as one stream).
        FutureTask<Void> filelist = new FutureTask<>(() -> writeFilelist(dir.resolve(VolumeFiles.FILELIST)), null);
        Thread.ofPlatform().name("mondo-filelist").daemon().start(filelist);
        List<Entry> second = catalog.subList(catalog.size() / 2, catalog.size());
        FutureTask<byte[]> secondHalf = new FutureTask<>(() -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 20);
            try (OutputStream gz = gzip(bytes)) {
                CatalogFormat.writeLines(gz, second);
            }
            return bytes.toByteArray();
        });
        Thread.ofPlatform().name("mondo-catalog").daemon().start(secondHalf);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(dir.resolve(VolumeFiles.CATALOG)), 1 << 16)) {
            try (OutputStream first = gzip(new KeepOpen(file))) {
                CatalogFormat.write(first, catalog.subList(0, catalog.size() / 2));
            }
            file.write(await(secondHalf));
        } finally {
            await(filelist);
        }
        StringBuilder big = new StringBuilder();
        for (Entry e : catalog) {
            if (e.big > 0 && !e.gone) big.append(PathBytes.escape(e.path)).append('\n');
        }
        Files.writeString(dir.resolve(VolumeFiles.BIGGIELIST), big);
        if (last) {
            StringBuilder p = new StringBuilder();
            for (Problems.Problem pr : problems.all()) p.append(pr).append('\n');
            Files.writeString(dir.resolve(VolumeFiles.PROBLEMS), p);
        }
    }

    private void writeFilelist(Path file) {
        try (OutputStream out = gzip(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            ByteLine lines = new ByteLine(1 << 16);
            for (Entry e : catalog) {
                if (e.gone) continue;
                PathBytes.escapeTo(e.path, lines);
                lines.ascii('\n');
                if (lines.size() >= 1 << 16) { // one deflate call per 64 KiB, not per line
                    lines.writeTo(out);
                    lines.clear();
                }
            }
            lines.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the volume's metadata");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IOException(e.getCause());
        }
    }

    /** The configuration the boot environment carries (what volume 1 will say of itself). */
    RestoreConfig bootConfig() {
        return config(1, false);
    }

    private RestoreConfig config(int volume, boolean last) {
        RestoreConfig c = new RestoreConfig();
        c.set("format-version", VolumeFiles.FORMAT_VERSION);
        c.set("backup-id", backupId);
        c.set("backup-media-type", "iso");
        c.set("iso-prefix", o.prefix());
        c.set("isodir", o.dir());
        c.set("datestamp", date);
        c.set("hostname", hostname());
        c.set("kernel", System.getProperty("os.version"));
        c.set("arch", System.getProperty("os.arch"));
        c.set("mondo-version", Version.text());
        c.set("codec", o.codec().name().toLowerCase());
        c.set("codec-suffix", o.codec().suffix.isEmpty() ? "-" : o.codec().suffix);
        c.set("compression-level", o.level());
        c.set("slice-size", sliceBytes);
        c.set("files-in-filelist", catalog.stream().filter(e -> !e.gone).count());
        c.set("this-volume", volume);
        c.set("last-volume", last ? "yes" : "no");
        if (last) c.set("volumes", volume);
        c.set("differential", 0);
        return c;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Lets a gzip member end (close) without closing the file it is written to. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static GZIPOutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }
}
