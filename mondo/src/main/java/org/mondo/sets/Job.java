package org.mondo.sets;

import java.io.IOException;

/** One unit of parallel work: reads and compresses content, hands finished pieces on in order. */
public interface Job {
    void run(PieceSink sink) throws IOException, InterruptedException;

    @FunctionalInterface
    interface PieceSink {
        void accept(Piece piece) throws InterruptedException;
    }
}
