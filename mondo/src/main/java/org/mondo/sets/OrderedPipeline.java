package org.mondo.sets;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs jobs on all cores and hands their pieces to one consumer in job order, so volumes come
 * out the same whatever the timing. Memory stays bounded: at most {@code window} jobs are under
 * way, and each can have at most two finished pieces waiting.
 */
public final class OrderedPipeline implements AutoCloseable {
    private final ExecutorService pool;
    private final int window;

    /** Receives pieces in job order on the calling thread. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Piece piece) throws IOException, InterruptedException;
    }

    private static final Object END = new Object();

    private record Failure(Throwable cause) {}

    private record Running(BlockingQueue<Object> out, Future<?> future) {}

    public OrderedPipeline(int threads, int window) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mondo-worker");
            t.setDaemon(true);
            return t;
        });
        this.window = Math.max(threads, window);
    }

    public void run(Iterator<Job> jobs, Consumer consumer) throws IOException, InterruptedException {
        ArrayDeque<Running> running = new ArrayDeque<>();
        try {
            while (jobs.hasNext() || !running.isEmpty()) {
                while (running.size() < window && jobs.hasNext()) running.add(start(jobs.next()));
                Running head = running.peek();
                Object o = head.out.take();
                if (o == END) {
                    running.poll();
                } else if (o instanceof Failure f) {
                    throw rethrow(f.cause);
                } else {
                    consumer.accept((Piece) o);
                }
            }
        } finally {
            for (Running r : running) r.future.cancel(true);
        }
    }

    private Running start(Job job) {
        BlockingQueue<Object> q = new ArrayBlockingQueue<>(3);
        Future<?> f = pool.submit(() -> {
            try {
                job.run(q::put);
                q.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    q.put(new Failure(t)); // waits until the consumer has taken this job's earlier pieces
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        });
        return new Running(q, f);
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) return io;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        return new IOException(t);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
