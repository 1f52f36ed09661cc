package org.mondo.sets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.mondo.catalog.Entry;
import org.mondo.codec.CompressionPolicy;
import org.mondo.progress.ProgressMeter;

/**
 * What every job shares: the codec policy, sizes, the scratch directory, the problem list,
 * the progress meter, and one {@link WorkerContext} per worker thread.
 */
public final class BackupContext implements AutoCloseable {
    private final CompressionPolicy policy;
    private final int level;
    private final long bigThreshold;
    private final int sliceSize;
    private final Path scratch;
    private final Problems problems = new Problems();
    private final ProgressMeter progress;
    private final SideFiles sideFiles;
    private final Map<java.nio.ByteBuffer, Entry> byPath;
    private final List<WorkerContext> workers = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<WorkerContext> worker;

    public BackupContext(CompressionPolicy policy, int level, long bigThreshold, int sliceSize, Path scratch,
                         ProgressMeter progress, SideFiles sideFiles, Map<java.nio.ByteBuffer, Entry> byPath) {
        this.policy = policy;
        this.level = level;
        this.bigThreshold = bigThreshold;
        this.sliceSize = sliceSize;
        this.scratch = scratch;
        this.progress = progress;
        this.sideFiles = sideFiles;
        this.byPath = byPath;
        this.worker = ThreadLocal.withInitial(() -> {
            WorkerContext w = new WorkerContext(policy.codec(), level);
            workers.add(w);
            return w;
        });
    }

    public CompressionPolicy policy() {
        return policy;
    }

    public int level() {
        return level;
    }

    /** Files of this size or more are cut into slices instead of going into a set. */
    public long bigThreshold() {
        return bigThreshold;
    }

    public int sliceSize() {
        return sliceSize;
    }

    public Path scratch() {
        return scratch;
    }

    public Problems problems() {
        return problems;
    }

    public ProgressMeter progress() {
        return progress;
    }

    public SideFiles sideFiles() {
        return sideFiles;
    }

    WorkerContext worker() {
        return worker.get();
    }

    /** The entry that carries the data of a hard link, or null. */
    public Entry leaderOf(Entry follower) {
        return follower.link == null ? null : byPath.get(java.nio.ByteBuffer.wrap(follower.link));
    }

    @Override
    public void close() {
        synchronized (workers) {
            for (WorkerContext w : workers) w.close();
            workers.clear();
        }
    }
}
