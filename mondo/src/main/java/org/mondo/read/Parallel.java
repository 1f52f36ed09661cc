package org.mondo.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs tasks on a pool and waits for all; the first failure is rethrown as it was thrown. */
public final class Parallel {
    private Parallel() {}

    public static void runAll(ExecutorService pool, List<Callable<Void>> tasks) throws IOException, InterruptedException {
        List<Future<Void>> futures = new ArrayList<>(tasks.size());
        for (Callable<Void> t : tasks) futures.add(pool.submit(t));
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                Throwable c = ex.getCause();
                if (c instanceof IOException io) throw io;
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error err) throw err;
                throw new IOException(c);
            }
        }
    }
}
