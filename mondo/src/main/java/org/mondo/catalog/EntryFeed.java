package org.mondo.catalog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Hands catalog entries from the walking thread to the set planner while the walk goes on, so
 * compression starts before the catalog is complete. Entries go over in batches (one lock a batch,
 * not an entry) and keep the walk's order. The consumer's iterator blocks until the next entry or
 * the end; a walk that failed makes it throw.
 */
public final class EntryFeed implements Consumer<Entry>, Iterator<Entry> {
    private static final int BATCH = 512;
    private static final Object END = new Object();

    private record Failure(Throwable cause) {}

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private List<Entry> filling = new ArrayList<>(BATCH);
    private List<Entry> taking = List.of();
    private int next;
    private boolean ended;

    /** Walking thread: one more entry. */
    @Override
    public void accept(Entry e) {
        filling.add(e);
        if (filling.size() == BATCH) flush();
    }

    private void flush() {
        if (filling.isEmpty()) return;
        queue.add(filling);
        filling = new ArrayList<>(BATCH);
    }

    /** Walking thread: the walk is complete. */
    public void end() {
        flush();
        queue.add(END);
    }

    /** Walking thread: the walk failed; the consumer's next hasNext() throws. */
    public void fail(Throwable t) {
        flush();
        queue.add(new Failure(t));
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (next == taking.size()) {
            if (ended) return false;
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the catalog", e);
            }
            if (o == END) {
                ended = true;
                return false;
            }
            if (o instanceof Failure f) {
                ended = true;
                if (f.cause instanceof RuntimeException r) throw r;
                if (f.cause instanceof Error err) throw err;
                throw new IllegalStateException(f.cause);
            }
            taking = (List<Entry>) o;
            next = 0;
        }
        return true;
    }

    @Override
    public Entry next() {
        if (!hasNext()) throw new NoSuchElementException();
        return taking.get(next++);
    }
}
