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
    private final int lastVolume;
    /** The volumes that are not files come through this drive, one at a time; null when all are files. */
    private final DriveVolumes drive;
    private List<Entry> catalog;

    /** One opened volume. */
    public record Volume(int number, Path file, IsoImage image, boolean last, String backupId) {}

    private Backup(Map<Integer, Volume> volumes, RestoreConfig config, String backupId, int lastVolume, DriveVolumes drive) {
        this.volumes = volumes;
        this.config = config;
        this.backupId = backupId;
        this.lastVolume = lastVolume;
        this.drive = drive;
    }

    /**
     * Opens every volume of the backup named PREFIX in DIR. Fails with one clear line when a
     * volume is missing, belongs to another backup, or the backup was never finished.
     */
    public static Backup open(Path dir, String prefix) throws IOException {
        VolumeNaming naming = new VolumeNaming(dir, prefix, "00000000");
        List<Path> files = naming.existing();
        if (files.isEmpty()) throw new IOException("no backup " + prefix + "-N.iso in " + dir);
        return open(files, f -> naming.number(f), n -> naming.iso(n).toString(), null);
    }

    /**
     * Opens the volumes of a backup from wherever they were found: ISO files, or a CD drive
     * holding volume 1 (the boot environment). Each volume says its own number.
     */
    public static Backup open(List<Path> files) throws IOException {
        return open(files, f -> -1, n -> "volume " + n, null);
    }

    /**
     * Opens a backup whose volumes are the {@code files} found and, for the others, the discs of
     * {@code drive} (which holds one of them now): the catalog is read at once, from the last
     * volume, asking for that disc if needed; later reads ask for each disc when they need it.
     */
    public static Backup open(List<Path> files, DriveVolumes.Drive drive) throws IOException {
        return open(files, f -> -1, n -> "volume " + n, drive);
    }

    private static Backup open(List<Path> files, java.util.function.ToIntFunction<Path> namedNumber,
            java.util.function.IntFunction<String> nameOf, DriveVolumes.Drive physical) throws IOException {
        Map<Integer, Volume> vols = new TreeMap<>();
        DriveVolumes drive = null;
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
            if (physical != null) drive = inDrive(physical, vols);
            String id = newest(vols, drive);
            RestoreConfig cfg = null;
            int last = -1;
            for (Volume v : vols.values()) {
                if (!v.backupId().equals(id)) {
                    throw new IOException(v.file() + " belongs to another backup (" + v.backupId() + ", expected "
                            + id + ")");
                }
                if (v.last()) last = v.number();
            }
            if (drive != null && !drive.backupId().equals(id)) {
                throw new IOException("the disc in the drive belongs to another backup (" + drive.backupId() + ", expected " + id + ")");
            }
            if (last < 0 && drive != null) {
                last = drive.change("the last volume (the catalog is there)", Volume::last).number();
            }
            if (last < 0) {
                int max = Collections.max(vols.keySet());
                throw new IOException("the backup is incomplete: no last volume (have up to " + nameOf.apply(max)
                        + "; " + nameOf.apply(max + 1) + " is missing or the backup was interrupted)");
            }
            for (int n = 1; n <= last && drive == null; n++) {
                if (!vols.containsKey(n)) {
                    throw new IOException("volume " + n + " of the backup is missing: " + nameOf.apply(n));
                }
            }
            Volume lastOne = vols.containsKey(last) ? vols.get(last) : drive.change("volume " + last, v -> v.last());
            try (InputStream in = read(lastOne, RestoreConfig.FILE)) {
                cfg = RestoreConfig.read(in);
            }
            checkFormat(cfg);
            Backup b = new Backup(vols, cfg, id, last, drive);
            if (drive != null) b.readCatalog(lastOne); // now, while the last disc is in the drive
            return b;
        } catch (IOException | RuntimeException e) {
            for (Volume v : vols.values()) v.image().close();
            if (drive != null) drive.close();
            throw e;
        }
    }

    /** The drive, starting with the disc in it (the boot disc: volume 1). */
    private static DriveVolumes inDrive(DriveVolumes.Drive physical, Map<Integer, Volume> vols) throws IOException {
        IsoImage img = physical.open().orElseThrow(() -> new IOException("the drive holds no readable disc"));
        return new DriveVolumes(physical, describe(null, img));
    }

    /** The backup id of volume 1, or of the disc in the drive (all others must match it). */
    private static String newest(Map<Integer, Volume> vols, DriveVolumes drive) throws IOException {
        Volume one = vols.get(1);
        if (one != null) return one.backupId();
        if (drive != null) return drive.backupId();
        throw new IOException("volume 1 of the backup is missing");
    }

    private static void checkFormat(RestoreConfig cfg) throws IOException {
        int v = Integer.parseInt(cfg.require("format-version"));
        if (v > VolumeFiles.FORMAT_VERSION) {
            throw new IOException("the backup uses on-media format " + v + "; this mondorestore reads up to "
                    + VolumeFiles.FORMAT_VERSION + ": use a newer one");
        }
    }

    /** Reads a volume's number, backup id and whether it is the last; {@code f} names it in errors (null: the drive's disc). */
    static Volume describe(Path f, IsoImage img) throws IOException {
        Optional<IsoFile> num = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.THIS_NUMBER);
        Optional<IsoFile> id = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.BACKUP_ID);
        if (num.isEmpty() || id.isEmpty()) {
            img.close();
            throw new IOException((f == null ? "the disc in the drive" : f) + " is not a Mondo volume (no archives/"
                    + VolumeFiles.THIS_NUMBER + ")");
        }
        int n = Integer.parseInt(img.text(num.get()));
        boolean notLast = img.find("/" + VolumeFiles.DIR + "/" + VolumeFiles.NOT_THE_LAST).isPresent();
        return new Volume(n, f, img, !notLast, img.text(id.get()));
    }

    private static InputStream read(Volume v, String name) throws IOException {
        Optional<IsoFile> f = v.image().find("/" + VolumeFiles.DIR + "/" + name);
        if (f.isEmpty()) throw new IOException((v.file() == null ? "volume " + v.number() : v.file()) + " has no archives/" + name);
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

    /** How many volumes the backup has. */
    public int lastVolume() {
        return lastVolume;
    }

    /** True when some volumes come through a drive, one disc at a time: readers take them in turns. */
    public boolean oneDiscAtATime() {
        return drive != null && volumes.size() < lastVolume;
    }

    /** The volume whose content should be read first: the one in the drive (no disc change), else 1. */
    public int firstToRead() {
        return drive == null ? 1 : drive.inDrive();
    }

    /** The catalog, from the last volume (the only one where it is complete). */
    public synchronized List<Entry> catalog() throws IOException {
        if (catalog == null) readCatalog(volumes.get(lastVolume));
        return catalog;
    }

    private synchronized void readCatalog(Volume last) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(read(last, VolumeFiles.CATALOG), 1 << 16))) {
            catalog = CatalogFormat.read(in);
        }
    }

    /** Opens archives/NAME from whichever volume has it, or empty; looks on {@code hintVolume} first. */
    public Optional<InputStream> find(String name, int hintVolume) throws IOException {
        return locate(name, hintVolume).map(Found::in);
    }

    private record Found(InputStream in, int volume) {}

    /**
     * The hinted volume first, then the ones after it (a big file's slices go on to the next
     * volumes), then those before: with discs, each looked at is asked for.
     */
    private Optional<Found> locate(String name, int hintVolume) throws IOException {
        String path = "/" + VolumeFiles.DIR + "/" + name;
        int hint = Math.max(1, Math.min(hintVolume, lastVolume));
        for (int i = 0; i < lastVolume; i++) {
            int n = (hint - 1 + i) % lastVolume + 1;
            Volume v = volumes.get(n);
            Optional<InputStream> in = Optional.empty();
            if (v != null) {
                Optional<IsoFile> f = v.image().find(path);
                if (f.isPresent()) in = Optional.of(v.image().open(f.get()));
            } else if (drive != null) {
                in = drive.open(n, path);
            }
            if (in.isPresent()) return Optional.of(new Found(in.get(), n));
        }
        return Optional.empty();
    }

    /** The raw cpio stream of a set. */
    public InputStream openSet(int set, int hintVolume) throws IOException {
        return find(SetJob.fileName(set), hintVolume)
                .orElseThrow(() -> new IOException("set " + set + " (" + SetJob.fileName(set) + ") is on no volume"));
    }

    /**
     * A big file's slices, each still compressed, in order. Each is opened when first read, so
     * that with discs only the one being read is held in the drive; a missing slice fails that read.
     */
    public List<InputStream> openSlices(Entry e) {
        List<InputStream> out = new ArrayList<>();
        int[] previous = {e.firstVolume}; // where the last slice was: the next is there or after
        for (int i = 0; i < e.slices; i++) {
            String name = BigFileJob.sliceName(e.big, i, e.codec);
            out.add(new DeferredStream(() -> {
                Found f = locate(name, previous[0])
                        .orElseThrow(() -> new IOException("slice " + name + " of " + e + " is on no volume"));
                previous[0] = f.volume();
                return f.in();
            }));
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
        if (drive != null) drive.close();
    }
}
