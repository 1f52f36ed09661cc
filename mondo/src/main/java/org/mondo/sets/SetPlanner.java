package org.mondo.sets;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.mondo.catalog.Entry;

/**
 * Cuts the catalog, in its order, into jobs: archive sets of about {@code setBytes} of content
 * (or {@code setEntries} entries), and one job per big file. Numbers sets and big files from 1
 * and records them in the entries, so the catalog knows where everything goes before it is read.
 */
public final class SetPlanner implements Iterator<Job> {
    private final Iterator<Entry> entries;
    private final BackupContext ctx;
    private final long setBytes;
    private final int setEntries;
    private int nextSet = 1;
    private int nextBig = 1;
    private Job pending;
    private Job pendingBig;

    public SetPlanner(List<Entry> catalog, BackupContext ctx, long setBytes, int setEntries) {
        this(catalog.iterator(), ctx, setBytes, setEntries);
    }

    /** Plans from entries as they come (an {@link org.mondo.catalog.EntryFeed} while the walk goes on). */
    public SetPlanner(Iterator<Entry> entries, BackupContext ctx, long setBytes, int setEntries) {
        this.entries = entries;
        this.ctx = ctx;
        this.setBytes = setBytes;
        this.setEntries = setEntries;
    }

    /** Numbers everything up front (the catalog on each volume lists every entry's set). */
    public static List<Job> plan(List<Entry> catalog, BackupContext ctx, long setBytes, int setEntries) {
        List<Job> jobs = new ArrayList<>();
        new SetPlanner(catalog, ctx, setBytes, setEntries).forEachRemaining(jobs::add);
        return jobs;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) pending = advance();
        return pending != null;
    }

    @Override
    public Job next() {
        if (!hasNext()) throw new NoSuchElementException();
        Job j = pending;
        pending = null;
        return j;
    }

    private List<Entry> current = new ArrayList<>();
    private long currentBytes;

    private Job advance() {
        if (pendingBig != null) {
            Job b = pendingBig;
            pendingBig = null;
            return b;
        }
        while (entries.hasNext()) {
            Entry e = entries.next();
            if (e.hasContent() && e.size >= ctx.bigThreshold()) {
                e.big = nextBig++;
                e.slices = BigFileJob.sliceCount(e.size, ctx.sliceSize());
                Job big = new BigFileJob(e, ctx);
                if (current.isEmpty()) return big;
                pendingBig = big; // keep job order = catalog order
                return closeSet();
            }
            e.set = nextSet;
            current.add(e);
            if (e.hasContent()) currentBytes += e.size;
            if (currentBytes >= setBytes || current.size() >= setEntries) return closeSet();
        }
        return current.isEmpty() ? null : closeSet();
    }

    private Job closeSet() {
        Job j = new SetJob(nextSet++, current, ctx);
        current = new ArrayList<>();
        currentBytes = 0;
        return j;
    }
}
