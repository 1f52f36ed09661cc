package org.mondo.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Volume 1's boot files made on a thread of their own (mindi takes from seconds to minutes), so
 * the archiving does not wait for them: the volume writer asks for their size only when volume 1
 * comes near full, and for the files when it closes volume 1. A failure shows at the next piece.
 */
final class BootInBackground {
    private final CompletableFuture<Long> bytes = new CompletableFuture<>();

    BootInBackground(VolumeWriter.BootFiles boot, Path staging) {
        Thread t = new Thread(() -> {
            try {
                bytes.complete(boot.prepare(staging));
            } catch (IOException | RuntimeException e) {
                bytes.completeExceptionally(e);
            }
        }, "mondo-boot-files");
        t.setDaemon(true);
        t.start();
    }

    /** True once the boot files are made; throws their failure as soon as it is known. */
    boolean done() throws IOException {
        if (bytes.isCompletedExceptionally()) await();
        return bytes.isDone();
    }

    /** The bytes the boot files take on volume 1 (0 while they are being made). */
    long bytesSoFar() throws IOException {
        return done() ? await() : 0;
    }

    /** Waits for the boot files and returns the bytes they take. */
    long await() throws IOException {
        try {
            return bytes.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the boot files were made", e);
        }
    }
}
