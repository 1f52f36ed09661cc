package org.mondo.read;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.mondo.catalog.CatalogFormat;
import org.mondo.catalog.Entry;
import org.mondo.media.IsoFile;
import org.mondo.media.IsoImage;
import org.mondo.sets.BigFileJob;
import org.mondo.sets.SetJob;
import org.mondo.volumes.RestoreConfig;
import org.mondo.volumes.VolumeFiles;
import org.mondo.volumes.VolumeNaming;

/**
 * A backup as its volumes hold it: finds PREFIX-N.iso in a directory, checks they belong to one
 * backup and that none is missing, and reads the catalog, sets and slices from them.
 */
public final class Backup implements Closeable {
    private final Map<Integer, Volume> volumes;
    private final RestoreConfig config;
    private final String backupId;
    private List<Entry> catalog;

    /** One opened volume. */
    public record Volume(int number, Path file, IsoImage image, boolean last, String backupId) {}

    private Backup(Map<Integer, Volume> volumes, RestoreConfig config, String backupId) {
        this.volumes = volumes;
        this.config = config;
        this.backupId = backupId;
    }

    /**
     * Opens every volume of the backup named PREFIX in DIR. Fails with one clear line when a
     * volume is missing, belongs to another backup, or the backup was never finished.
     */
    public static Backup open(Path dir, String prefix) throws IOException {
        VolumeNaming naming = new VolumeNaming(dir, prefix, "00000000");
        List<Path> files = naming.existing();
        if (files.isEmpty()) throw new IOException("no backup " + prefix + "-N.iso in " + dir);
        return open(files, f -> naming.number(f), n -> naming.iso(n).toString());
    }

    /**
     * Opens the volumes of a backup from wherever they were found: ISO files, or a CD drive
     * holding volume 1 (the boot environment). Each volume says its own number.
     */
    public static Backup open(List<Path> files) throws IOException {
        return open(files, f -> -1, n -> "volume " + n);
    }

    private static Backup open(List<Path> files, java.util.function.ToIntFunction<Path> namedNumber,
            java.util.function.IntFunction<String> nameOf) throws IOException {
        Map<Integer, Volume> vols = new TreeMap<>();
        try {
            for (Path f : files) {
                IsoImage img = IsoImage.open(f);
                Volume v = describe(f, img);
                int named = namedNumber.applyAsInt(f);
                if (named >= 0 && v.number() != named) {
                    img.close();
                    throw new IOException(f + " is volume " + v.number() + " of backup " + v.backupId()
                            + ", not volume " + named + ": a volume of another backup, or renamed");
                }
                if (vols.containsKey(v.number())) {
                    img.close();
                    continue;
                }
                vols.put(v.number(), v);
            }
            String id = newest(vols);
            RestoreConfig cfg = null;
            int last = -1;
            for (Volume v : vols.values()) {
                if (!v.backupId().equals(id)) {
                    throw new IOException(v.file() + " belongs to another backup (" + v.backupId() + ", expected "
                            + id + ")");
                }
                if (v.last()) last = v.number();
            }
            if (last < 0) {
                int max = Collections.max(vols.keySet());
                throw new IOException("the backup is incomplete: no last volume (have up to " + nameOf.apply(max)
                        + "; " + nameOf.apply(max + 1) + " is missing or the backup was interrupted)");
            }
            for (int n = 1; n <= last; n++) {
                if (!vols.containsKey(n)) {
                    throw new IOException("volume " + n + " of the backup is missing: " + nameOf.apply(n));
                }
            }
            try (InputStream in = read(vols.get(last), RestoreConfig.FILE)) {
                cfg = RestoreConfig.read(in);
            }
            checkFormat(cfg);
            return new Backup(vols, cfg, id);
        } catch (IOException | RuntimeException e) {
            for (Volume v : vols.values()) v.image().close();
            throw e;
        }
    }

    /** The backup id of volume 1 (all others must match it). */
    private static String newest(Map<Integer, Volume> vols) throws IOException {
        Volume one = vols.get(1);
        if (one == null) throw new IOException("volume 1 of the backup is missing");
        return one.backupId();
    }

    private static void checkFormat(RestoreConfig cfg) throws IOException {
        int v = Integer.parseInt(cfg.require("format-version"));
        if (v > VolumeFiles.FORMAT_VERSION) {
            throw new IOException("the backup uses on-media format " + v + "; this mondorestore reads up to "
                    + VolumeFiles.FORMAT_VERSION + ": use a newer one");
        }
    }

    private static Volume describe(Path f, IsoImage img) throws IOException {
        Optional<IsoFile> num = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.THIS_NUMBER);
        Optional<IsoFile> id = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.BACKUP_ID);
        if (num.isEmpty() || id.isEmpty()) {
            img.close();
            throw new IOException(f + " is not a Mondo volume (no archives/" + VolumeFiles.THIS_NUMBER + ")");
        }
        int n = Integer.parseInt(img.text(num.get()));
        boolean notLast = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.NOT_THE_LAST).isPresent();
        return new Volume(n, f, img, !notLast, img.text(id.get()));
    }

    private static InputStream read(Volume v, String name) throws IOException {
        Optional<IsoFile> f = v.image().find("/" + VolumeFiles.DIR + "/" + name);
        if (f.isEmpty()) throw new IOException(v.file() + " has no archives/" + name);
        return v.image().open(f.get());
    }

    public RestoreConfig config() {
        return config;
    }

    public String backupId() {
        return backupId;
    }

    public List<Volume> volumes() {
        return List.copyOf(volumes.values());
    }

    /** The catalog, from the last volume (the only one where it is complete). */
    public synchronized List<Entry> catalog() throws IOException {
        if (catalog == null) {
            Volume last = volumes.values().stream().filter(Volume::last).findFirst().orElseThrow();
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(read(last, VolumeFiles.CATALOG), 1 << 16))) {
                catalog = CatalogFormat.read(in);
            }
        }
        return catalog;
    }

    /** Opens archives/NAME from whichever volume has it, or empty. */
    public Optional<InputStream> find(String name, int hintVolume) throws IOException {
        List<Volume> order = new ArrayList<>();
        if (volumes.containsKey(hintVolume)) order.add(volumes.get(hintVolume));
        for (Volume v : volumes.values()) if (v.number() != hintVolume) order.add(v);
        for (Volume v : order) {
            Optional<IsoFile> f = v.image().find("/" + VolumeFiles.DIR + "/" + name);
            if (f.isPresent()) return Optional.of(v.image().open(f.get()));
        }
        return Optional.empty();
    }

    /** The raw cpio stream of a set. */
    public InputStream openSet(int set, int hintVolume) throws IOException {
        return find(SetJob.fileName(set), hintVolume)
                .orElseThrow(() -> new IOException("set " + set + " (" + SetJob.fileName(set) + ") is on no volume"));
    }

    /** A big file's slices, each still compressed, in order. */
    public List<InputStream> openSlices(Entry e) throws IOException {
        List<InputStream> out = new ArrayList<>();
        for (int i = 0; i < e.slices; i++) {
            String name = BigFileJob.sliceName(e.big, i, e.codec);
            int hint = e.firstVolume;
            out.add(find(name, hint).orElseThrow(() -> new IOException("slice " + name + " of " + e + " is on no volume")));
        }
        return out;
    }

    static InputStream concat(List<InputStream> parts) {
        Enumeration<InputStream> en = Collections.enumeration(parts);
        return new SequenceInputStream(en);
    }

    @Override
    public void close() throws IOException {
        for (Volume v : volumes.values()) v.image().close();
    }
}
