package org.mondo.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

import org.mondo.catalog.Entry;
import org.mondo.catalog.EntryFeed;
import org.mondo.catalog.Walker;

/**
 * The catalog walk on a thread of its own, so compression starts with the first entries instead
 * of after the last: entries go to the set planner through {@link #feed()} in catalog order, and
 * into {@link #byPath()} first (a hard link's leader always comes before its followers).
 * What needs the whole catalog (space check, metadata, volumes) asks {@link #catalog()}.
 */
final class CatalogWalk {
    private static final Logger LOG = Logger.getLogger("mondo.archive");
    private final EntryFeed feed = new EntryFeed();
    private final Map<ByteBuffer, Entry> byPath = new ConcurrentHashMap<>();
    private final CompletableFuture<Walker.Result> result = new CompletableFuture<>();

    CatalogWalk(Walker walker) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                Walker.Result r = walker.walk(e -> {
                    byPath.put(ByteBuffer.wrap(e.path), e);
                    feed.accept(e);
                });
                LOG.info(String.format("catalog: %d entries in %.2f s", r.entries().size(), (System.nanoTime() - t0) / 1e9));
                feed.end();
                result.complete(r);
            } catch (Throwable x) {
                feed.fail(x);
                result.completeExceptionally(x);
            }
        }, "mondo-walk");
        t.setDaemon(true);
        t.start();
    }

    EntryFeed feed() {
        return feed;
    }

    Map<ByteBuffer, Entry> byPath() {
        return byPath;
    }

    /** Waits for the end of the walk. */
    Walker.Result catalog() throws IOException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IOException(e.getCause());
        }
    }
}
