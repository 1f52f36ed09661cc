package org.mondo.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {

    /** A piece that names its job and its index within the job. */
    private static Piece piece(int job, int index) {
        return new Piece.SetPiece(job * 1000 + index, List.of(), List.of());
    }

    private static int number(Piece p) {
        return ((Piece.SetPiece) p).set();
    }

    @RepeatedTest(5)
    void piecesArriveInJobOrderWhateverTheTiming(RepetitionInfo info) throws Exception {
        Random rnd = new Random(77 + info.getCurrentRepetition());
        int jobsCount = 60;
        List<Job> jobs = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int j = 0; j < jobsCount; j++) {
            int job = j;
            int pieces = rnd.nextInt(4); // 0..3 pieces, some jobs hand on nothing
            long[] sleeps = new long[pieces + 1];
            for (int k = 0; k <= pieces; k++) sleeps[k] = rnd.nextInt(8);
            // early jobs sleep longer, so later ones finish first
            sleeps[0] += j < 10 ? 30 : 0;
            for (int k = 0; k < pieces; k++) expected.add(job * 1000 + k);
            jobs.add(sink -> {
                for (int k = 0; k < pieces; k++) {
                    Thread.sleep(sleeps[k]);
                    sink.accept(piece(job, k));
                }
                Thread.sleep(sleeps[pieces]);
            });
        }
        List<Integer> got = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (OrderedPipeline p = new OrderedPipeline(4, 8)) {
                p.run(jobs.iterator(), pc -> got.add(number(pc)));
            }
        });
        assertEquals(expected, got);
    }

    @Test
    void consumerRunsOnTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        List<Thread> seen = Collections.synchronizedList(new ArrayList<>());
        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            int job = j;
            jobs.add(sink -> sink.accept(piece(job, 0)));
        }
        try (OrderedPipeline p = new OrderedPipeline(3, 3)) {
            p.run(jobs.iterator(), pc -> seen.add(Thread.currentThread()));
        }
        assertEquals(10, seen.size());
        for (Thread t : seen) assertSame(caller, t);
    }

    @Test
    void aFailingJobsIOExceptionReachesTheCaller() {
        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            int job = j;
            jobs.add(sink -> {
                if (job == 7) throw new IOException("disk on fire");
                sink.accept(piece(job, 0));
            });
        }
        List<Integer> got = new ArrayList<>();
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class, () -> {
            try (OrderedPipeline p = new OrderedPipeline(4, 4)) {
                p.run(jobs.iterator(), pc -> got.add(number(pc)));
            }
        }));
        assertEquals("disk on fire", e.getMessage());
        assertEquals(List.of(0, 1000, 2000, 3000, 4000, 5000, 6000), got, "pieces before the failure were delivered");
    }

    @Test
    void aRuntimeExceptionIsRethrownAsIs() {
        List<Job> jobs = List.of(sink -> sink.accept(piece(0, 0)), sink -> {
            throw new UncheckedIOException(new IOException("boom"));
        });
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (OrderedPipeline p = new OrderedPipeline(2, 2)) {
                p.run(jobs.iterator(), pc -> { });
            }
        });
        assertEquals("boom", e.getCause().getMessage());
    }

    @Test
    void aConsumerExceptionStopsTheRun() {
        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < 50; j++) {
            int job = j;
            jobs.add(sink -> sink.accept(piece(job, 0)));
        }
        AtomicInteger consumed = new AtomicInteger();
        IOException e = assertThrows(IOException.class, () -> {
            try (OrderedPipeline p = new OrderedPipeline(4, 4)) {
                p.run(jobs.iterator(), pc -> {
                    if (consumed.incrementAndGet() == 3) throw new IOException("volume full");
                });
            }
        });
        assertEquals("volume full", e.getMessage());
        assertEquals(3, consumed.get());
    }

    @Test
    void aJobThatFailsAfterHandingOnSeveralPiecesStillReportsTheFailure() {
        // Job 0 is slow, so job 1's pieces wait in its queue when job 1 fails.
        List<Job> jobs = List.of(
                sink -> {
                    Thread.sleep(300);
                    sink.accept(piece(0, 0));
                },
                sink -> {
                    for (int k = 0; k < 3; k++) sink.accept(piece(1, k));
                    throw new IOException("read error in slice 4");
                });
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> {
            try (OrderedPipeline p = new OrderedPipeline(2, 2)) {
                p.run(jobs.iterator(), pc -> { });
            }
        }), "the failure is lost and run() waits for ever");
        assertEquals("read error in slice 4", e.getMessage());
    }

    @Test
    void noMoreThanWindowJobsAreUnderWay() throws Exception {
        int threads = 3;
        int window = 5;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Random rnd = new Random(5);
        List<Job> jobs = new ArrayList<>();
        for (int j = 0; j < 80; j++) {
            int job = j;
            long sleep = rnd.nextInt(6);
            jobs.add(sink -> {
                int now = running.incrementAndGet();
                maxRunning.accumulateAndGet(now, Math::max);
                // how far ahead of the consumer this job starts: at most window - 1 jobs are unconsumed before it
                maxAhead.accumulateAndGet(job - consumed.get(), Math::max);
                try {
                    Thread.sleep(sleep);
                    sink.accept(piece(job, 0));
                } finally {
                    running.decrementAndGet();
                }
            });
        }
        try (OrderedPipeline p = new OrderedPipeline(threads, window)) {
            p.run(jobs.iterator(), pc -> {
                Thread.sleep(2); // a slow consumer lets the workers run ahead
                consumed.incrementAndGet();
            });
        }
        assertEquals(80, consumed.get());
        assertTrue(maxRunning.get() <= Math.min(threads, window), "ran at once: " + maxRunning.get());
        assertTrue(maxAhead.get() < window, "started " + maxAhead.get() + " jobs ahead of the consumer");
        assertTrue(maxAhead.get() >= threads - 1, "the workers did run ahead: " + maxAhead.get());
    }

    @Test
    void emptyJobListReturnsAtOnce() throws Exception {
        try (OrderedPipeline p = new OrderedPipeline(2, 2)) {
            p.run(List.<Job>of().iterator(), pc -> {
                throw new AssertionError("no pieces");
            });
        }
    }
}
