package org.mondo.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.mondo.tools.CommandRunner;
import org.mondo.tools.ToolException;
import org.mondo.tools.Tool;

/**
 * An ISO image that grows while the backup runs: one xorriso takes the files of a directory as
 * they are finished and writes them in sessions, so copying them into the image overlaps making
 * the next ones instead of coming after all of them. On a file (overwriteable media) xorriso
 * rewrites the image's first 64 KiB after each session, so the volume descriptor at LBA 16
 * always describes the newest tree, which holds every file so far: readers (the kernel, our
 * {@link IsoImage}, a disc burnt from the file) see one ordinary image; the old sessions' trees
 * are a few dead sectors each ({@link Xorriso#sessionOverheadBytes}).
 * <p>
 * Once xorriso says a session is written (a marker printed after its {@code -commit}), the
 * session's files are removed from the source directory: the image holds them, later sessions
 * only point at them, and the scratch space and page cache they took are free again for the next.
 * <p>
 * The finished image looks like {@link Xorriso#buildIso}'s: Rock Ridge, ISO level 3, owner 0,
 * readable by all, not writable, 300 KiB of padding at the end.
 */
public final class GrowingIso implements AutoCloseable {
    /** Names go through xorriso's dialog, which splits lines at blanks and quotes: ours never need them. */
    private static final Logger LOG = Logger.getLogger("mondo.media");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");
    private final CommandRunner.Running xorriso;
    private final Path sourceDir;
    private final List<String> pending = new ArrayList<>();
    /** Every name given to {@link #add}, for {@link #addTheRest}. */
    private final Set<String> added = new HashSet<>();
    private int sessions;
    /** Files of the sessions sent but not yet reported written, by the marker that reports each. */
    private final Map<String, List<Path>> writing = new ConcurrentHashMap<>();

    private GrowingIso(CommandRunner.Running xorriso, Path sourceDir) {
        this.xorriso = xorriso;
        this.sourceDir = sourceDir;
        xorriso.onLine(this::sessionWritten);
    }

    private void sessionWritten(String line) {
        List<Path> files = writing.remove(line);
        if (files == null) return;
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warning("cannot remove " + f + " (already in the image): " + e.getMessage());
            }
        }
    }

    /**
     * Starts xorriso writing {@code output} (an empty file) with volume id {@code volumeId}; the
     * names later given to {@link #add} are relative to {@code sourceDir}, and keep that name in
     * the image.
     */
    public static GrowingIso start(Path sourceDir, Path output, String volumeId) throws ToolException {
        Xorriso.checkVolumeId(volumeId);
        // -abort_on FAILURE: a session that cannot be written ends xorriso, and the next command sent fails.
        // -padding 0 until the last session: the padding only matters at the end of the medium.
        return new GrowingIso(CommandRunner.start(List.of(Tool.XORRISO.program(), "-abort_on", "FAILURE",
                "-stdio_sync", "off", "-pacifier", "interval=0.1", "-outdev", "stdio:" + output.toAbsolutePath(), "-volid", volumeId,
                "-compliance", "iso_9660_level=3", "-padding", "0", "-cdx", sourceDir.toAbsolutePath().toString(),
                "-dialog", "on")), sourceDir);
    }

    /** Puts the file {@code relative} (to the source directory) into the next session. */
    public void add(String relative) throws ToolException {
        if (!PLAIN_NAME.matcher(relative).matches()) {
            throw new IllegalArgumentException("not a plain relative name for the image: " + relative);
        }
        if (added.add(relative)) pending.add(relative);
    }

    /** Adds every file under the source directory not added yet (what was written there last); returns how many. */
    public int addTheRest() throws IOException {
        List<String> rest;
        try (var walk = Files.walk(sourceDir)) {
            rest = walk.filter(Files::isRegularFile).map(p -> sourceDir.relativize(p).toString()).sorted()
                    .filter(n -> !added.contains(n)).toList();
        }
        for (String name : rest) add(name);
        return rest.size();
    }

    /** Files added but not yet written. */
    public int pendingFiles() {
        return pending.size();
    }

    /** Writes the files added since the last session as a new session; xorriso does it meanwhile. */
    public void commit() throws ToolException {
        if (pending.isEmpty()) return;
        List<Path> files = new ArrayList<>(pending.size());
        for (String name : pending) {
            xorriso.send("-map " + name + " /" + name);
            files.add(sourceDir.resolve(name));
        }
        pending.clear();
        sessions++;
        // xorriso runs its commands in order: the marker comes out once the session is on the image.
        String marker = "mondo-session-" + sessions + "-written";
        writing.put(marker, files);
        xorriso.send("-commit");
        xorriso.send("-print " + marker);
    }

    /** Sessions written before the last one. */
    public int sessions() {
        return sessions;
    }

    /** Writes the last session (the files still pending), with mkisofs -r's ownership and modes, and waits for xorriso's end. */
    public void finish() throws ToolException {
        for (String name : pending) xorriso.send("-map " + name + " /" + name);
        pending.clear();
        xorriso.send("-padding 300k");
        xorriso.send("-chown_r 0 / --");
        xorriso.send("-chgrp_r 0 / --");
        xorriso.send("-chmod_r a+r,a-w / --");
        xorriso.send("-find / -type d -exec chmod a+x --");
        xorriso.send("-commit");
        xorriso.send("-end");
        xorriso.finish();
    }

    /** Stops xorriso unless it has finished (a backup abandoned halfway); the caller removes the file. */
    @Override
    public void close() {
        xorriso.close();
    }
}
