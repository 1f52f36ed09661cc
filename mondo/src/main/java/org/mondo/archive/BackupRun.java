package org.mondo.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import org.mondo.catalog.Entry;
import org.mondo.catalog.MountTable;
import org.mondo.catalog.Selection;
import org.mondo.catalog.UserNames;
import org.mondo.catalog.Walker;
import org.mondo.codec.CompressionPolicy;
import org.mondo.log.RunLog;
import org.mondo.log.UserError;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.progress.Sizes;
import org.mondo.sets.BackupContext;
import org.mondo.sets.OrderedPipeline;
import org.mondo.sets.Problems;
import org.mondo.sets.SetPlanner;
import org.mondo.tools.Tool;
import org.mondo.volumes.VolumeNaming;
import org.mondo.volumes.VolumeWriter;

/**
 * One backup, start to end: check the ground, catalog the file system, cut it into sets and
 * slices compressed on all cores, fill volumes in order, report what could not be read.
 */
final class BackupRun {
    private static final Logger LOG = Logger.getLogger("mondo.archive");
    private final BackupOptions o;
    private final ProgressMeter progress = ProgressMeter.forConsole();

    BackupRun(BackupOptions o) {
        this.o = o;
    }

    int run() throws Exception {
        String warn = RunLog.open(o.log(), "mondoarchive", o.commandLine());
        if (warn != null) progress.message("mondoarchive: " + warn);
        LOG.info("options: " + describe());
        Tool.requirePresent(Tool.XORRISO);
        checkRoot();
        String backupId = UUID.randomUUID().toString();
        VolumeNaming naming = new VolumeNaming(o.dir(), o.prefix(), backupId);
        guardExisting(naming);
        long started = System.nanoTime();

        Path tmp = privateDir(o.tmpDir(), "mondo.tmp.");
        Path scratch = o.scratchDir().equals(o.tmpDir()) ? tmp : privateDir(o.scratchDir(), "mondo.scratch.");
        // Ctrl-C or kill: no finally runs, so a hook removes the half-built volume and the work files.
        Thread cleanup = new Thread(() -> {
            try {
                VolumeWriter w = writer;
                if (w != null) w.abort(); // a growing image's xorriso would otherwise finish it
                for (int v = 1; v <= 1000 && v <= lastVolumeStarted + 1; v++) Files.deleteIfExists(naming.partial(v));
                markIncomplete(naming);
                org.mondo.tools.FileTrees.delete(scratch);
                org.mondo.tools.FileTrees.delete(tmp);
            } catch (IOException ignored) {
                // best effort while the JVM goes down
            }
        }, "mondo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            // Compression starts with the first entries the walk finds; what needs the whole
            // catalog (space check, metadata reserve, boot files, the volumes) waits for its end,
            // which comes while the first sets are being compressed.
            PieceSizes ps = PieceSizes.fit(o, progress);
            progress.phase("Cataloging", 0, 0);
            CatalogWalk walk = new CatalogWalk(walker());
            Path work = Files.createDirectories(scratch.resolve("pieces"));
            Problems problems;
            try (BackupContext ctx = new BackupContext(new CompressionPolicy(o.codec()), o.level(), ps.sliceBytes(),
                    ps.sliceBytes(), work, progress, new AttributeDumps(), walk.byPath())) {
                SetPlanner jobs = new SetPlanner(walk.feed(), ctx, ps.setBytes(), 20_000);
                try (OrderedPipeline pipeline = new OrderedPipeline(o.threads(), o.threads() * 2 + 2)) {
                    pipeline.run(jobs, piece -> {
                        if (writer == null) writer = volumes(walk, backupId, naming, tmp, scratch, ctx, ps);
                        writer.add(piece);
                        lastVolumeStarted = writer.currentVolume();
                        progress.addFiles(piece instanceof org.mondo.sets.Piece.SetPiece s
                                ? s.entries().stream().filter(Entry::hasContent).count()
                                : ((org.mondo.sets.Piece.SlicePiece) piece).last() ? 1 : 0);
                    });
                }
                if (writer == null) writer = volumes(walk, backupId, naming, tmp, scratch, ctx, ps);
                LOG.info(String.format("pieces done after %.2f s", (System.nanoTime() - started) / 1e9));
                progress.done();
                progress.message("Writing volume " + writer.currentVolume() + " (last)…");
                writer.finish();
                problems = ctx.problems();
            }
            finished = true;
            report(writer, contentBytes, files, problems, started);
            if (boot instanceof MindiBootFiles m) {
                progress.message("Boot media: " + m.summary().replaceFirst("^boot environment: ", ""));
                for (String w : m.warnings()) progress.message("warning: " + w);
            }
            return 0;
        } catch (Exception e) {
            if (e instanceof DeferredUserError d) e = d.error;
            if (writer != null) writer.abort();
            List<Path> marked = markIncomplete(naming);
            if (!marked.isEmpty()) {
                progress.message("note: the backup did not finish; its " + marked.size()
                        + " finished volume(s) were renamed *.iso.incomplete (their sets can still be read by hand)");
            }
            throw e;
        } finally {
            org.mondo.tools.FileTrees.delete(scratch);
            if (!tmp.equals(scratch)) org.mondo.tools.FileTrees.delete(tmp);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private volatile VolumeWriter writer;
    private long contentBytes;
    private long files;

    /**
     * Once the walk is over: checks the space, reports the catalog, and makes the volume writer
     * (its metadata reserve and boot files need the whole catalog).
     */
    private VolumeWriter volumes(CatalogWalk walk, String backupId, VolumeNaming naming, Path tmp, Path scratch,
                                 BackupContext ctx, PieceSizes ps) throws IOException, InterruptedException {
        List<Entry> catalog = logProblems(walk.catalog());
        for (Entry e : catalog) {
            if (e.hasContent()) {
                contentBytes += e.size;
                files++;
            }
        }
        try {
            checkSpace(contentBytes);
        } catch (UserError e) {
            throw new DeferredUserError(e);
        }
        progress.message(String.format("Cataloged %d entries, %d files, %s of content.", catalog.size(), files,
                Sizes.human(contentBytes)));
        VolumeMetadata meta = new VolumeMetadata(o, backupId, catalog, tmp, ctx.problems(), ps.sliceBytes());
        VolumeWriter w = new VolumeWriter(naming, o.sizes(), Files.createDirectories(scratch.resolve("staging")),
                meta, meta, new VolumeHooks(o.beforeCommand(), o.afterCommand()),
                boot = bootFiles(meta, naming, tmp));
        progress.phase("Archiving", files, contentBytes, true);
        return w;
    }

    /** A UserError met inside the pipeline's consumer, which may only throw IOException. */
    private static final class DeferredUserError extends IOException {
        final UserError error;

        DeferredUserError(UserError error) {
            super(error.getMessage());
            this.error = error;
        }
    }

    /** The highest volume number started, for the cleanup hook. */
    private volatile int lastVolumeStarted = 1;
    private volatile boolean finished;
    private VolumeWriter.BootFiles boot = VolumeWriter.BootFiles.NONE;

    /**
     * A backup that did not finish must not leave PREFIX-N.iso files that look like one: they are
     * renamed PREFIX-N.iso.incomplete (still readable by hand, and a new run is not blocked).
     */
    private synchronized List<Path> markIncomplete(VolumeNaming naming) {
        List<Path> out = new ArrayList<>();
        if (finished) return out;
        for (int v = 1; v <= lastVolumeStarted; v++) {
            Path iso = naming.iso(v);
            if (!Files.exists(iso)) continue;
            Path to = iso.resolveSibling(iso.getFileName() + ".incomplete");
            try {
                Files.move(iso, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                LOG.warning("backup not finished: " + iso + " renamed " + to.getFileName());
                out.add(to);
            } catch (IOException e) {
                LOG.warning("cannot rename " + iso + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** mindi's boot files on volume 1, unless -W. */
    private VolumeWriter.BootFiles bootFiles(VolumeMetadata meta, VolumeNaming naming, Path tmp) throws IOException {
        if (!o.bootable()) return VolumeWriter.BootFiles.NONE;
        progress.message("Making the boot environment (mindi)…");
        return new MindiBootFiles(o, meta.bootConfig(), naming.volumeId(1), Files.createDirectories(tmp.resolve("boot")));
    }

    private String describe() {
        List<String> inc = new ArrayList<>();
        for (byte[] b : o.includes()) inc.add(PathBytes.display(b));
        List<String> exc = new ArrayList<>();
        for (byte[] b : o.excludes()) exc.add(PathBytes.display(b));
        return "media=iso dir=" + o.dir() + " prefix=" + o.prefix() + " sizes=" + o.sizes().sizes() + " codec="
                + o.codec().name().toLowerCase() + " level=" + o.level() + " threads=" + o.threads() + " include="
                + inc + " exclude=" + exc + " tmp=" + o.tmpDir() + " scratch=" + o.scratchDir() + " -N=" + o.noNetwork();
    }

    /** Backing up / reads files only root may read; a user may back up what is his own. */
    private void checkRoot() throws UserError {
        if (Libc.geteuid() == 0) return;
        for (byte[] inc : o.includes()) {
            if (inc.length == 1 && inc[0] == '/') {
                throw new UserError("backing up / needs root: run mondoarchive as root (or name your own files with -I)", 1);
            }
        }
    }

    private void guardExisting(VolumeNaming naming) throws IOException, UserError {
        List<Path> existing = naming.existing();
        if (existing.isEmpty()) return;
        if (!o.overwrite()) {
            throw new UserError(existing.get(0) + " already exists: choose another -p or -d, or add --overwrite", 1);
        }
        for (Path p : existing) {
            LOG.info("--overwrite: deleting " + p);
            Files.delete(p);
        }
    }

    private static Path privateDir(Path parent, String prefix) throws IOException {
        return Files.createTempDirectory(parent, prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private Walker walker() throws IOException {
        MountTable mounts = MountTable.load();
        List<byte[]> excludes = new ArrayList<>(o.excludes());
        // The backup's own directories never go into it.
        excludes.add(PathBytes.of(o.dir().toString()));
        excludes.add(PathBytes.of(o.tmpDir().toString()));
        excludes.add(PathBytes.of(o.scratchDir().toString()));
        for (MountTable.Mount m : mounts.excluded(o.noNetwork())) {
            excludes.add(m.mountPoint());
            LOG.info("leaving out " + m.type() + " mounted on " + PathBytes.display(m.mountPoint()));
        }
        // Entries only: the bytes counter counts what the workers archive meanwhile.
        return new Walker(new Selection(o.includes(), excludes), UserNames.load(Path.of("/etc")),
                o.codec().suffix, (n, bytes) -> progress.addFiles(1024));
    }

    /** Logs and shows what could not be cataloged; returns the catalog. */
    private List<Entry> logProblems(Walker.Result r) {
        for (String p : r.problems()) {
            LOG.warning("catalog: " + p);
        }
        if (!r.problems().isEmpty()) {
            progress.message(r.problems().size() + " paths could not be cataloged (see the log); first: "
                    + r.problems().get(0));
        }
        return r.entries();
    }

    /** Refuses to start when -d or the scratch directory cannot hold even one volume's worth. */
    private void checkSpace(long contentBytes) throws IOException, UserError {
        long need = Math.min(contentBytes + (16L << 20), o.sizes().of(1));
        long freeDir = Files.getFileStore(o.dir()).getUsableSpace();
        if (freeDir < need) {
            throw new UserError("not enough space in -d " + o.dir() + ": " + Sizes.human(freeDir) + " free, at least "
                    + Sizes.human(need) + " needed", 1);
        }
        long freeScratch = Files.getFileStore(o.scratchDir()).getUsableSpace();
        if (freeScratch < need) {
            throw new UserError("not enough space in the scratch directory " + o.scratchDir() + ": "
                    + Sizes.human(freeScratch) + " free, at least " + Sizes.human(need) + " needed (use -S)", 1);
        }
    }

    private void report(VolumeWriter writer, long contentBytes, long files, Problems problems, long started)
            throws IOException {
        double secs = (System.nanoTime() - started) / 1e9;
        long out = 0;
        for (Path p : writer.written()) out += Files.size(p);
        String summary = String.format("Backup done: %d files, %s in %s (%s/s), %d volume(s), %s written (ratio %.2f).",
                files, Sizes.human(contentBytes), Sizes.duration((long) secs), Sizes.human((long) (contentBytes / Math.max(secs, 0.001))),
                writer.written().size(), Sizes.human(out), out == 0 ? 0.0 : (double) contentBytes / out);
        progress.message(summary);
        for (Path p : writer.written()) progress.message("  " + p);
        LOG.info(summary);
        List<Problems.Problem> all = problems.all();
        if (!all.isEmpty()) {
            progress.message(all.size() + " file(s) changed, vanished or could not be read during the backup:");
            int shown = 0;
            for (Problems.Problem p : all) {
                LOG.warning(p.toString());
                if (shown++ < 20) progress.message("  " + p);
            }
            if (all.size() > 20) progress.message("  … and " + (all.size() - 20) + " more in " + o.log());
        }
    }
}
