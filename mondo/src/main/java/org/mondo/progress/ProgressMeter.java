package org.mondo.progress;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows long work to a person: phase, files and bytes done of the total, rate and ETA. On a
 * terminal one line is redrawn in place; otherwise (cron, logs, serial consoles) a plain line
 * is printed every {@code plainEvery} milliseconds. Counters are thread-safe.
 */
public final class ProgressMeter {
    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryMs;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private volatile String phase = "";
    private volatile long totalBytes;
    private volatile long totalFiles;
    private long phaseStart = System.nanoTime();
    private long lastShown;
    private boolean lineOpen;
    private String lastLine = "";

    public ProgressMeter(PrintStream out, boolean terminal, long plainEveryMs) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryMs = plainEveryMs;
    }

    /** A meter for this process's stderr: redrawn when it is a terminal, a line every 15 s otherwise. */
    public static ProgressMeter forConsole() {
        boolean tty = System.console() != null && System.console().isTerminal() && !"dumb".equals(System.getenv("TERM"));
        return new ProgressMeter(System.err, tty, 15_000);
    }

    public synchronized void phase(String name, long totalFiles, long totalBytes) {
        phase(name, totalFiles, totalBytes, false);
    }

    /**
     * A new phase; {@code keepBytes}: the bytes counted so far belong to it (work that began early),
     * and so does the time since they began to be counted, or the rate and ETA would count them as
     * done in no time.
     */
    public synchronized void phase(String name, long totalFiles, long totalBytes, boolean keepBytes) {
        endLine();
        this.phase = name;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        if (!keepBytes) {
            bytes.set(0);
            phaseStart = System.nanoTime();
        }
        files.set(0);
        lastShown = 0;
    }

    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    public void addFiles(long n) {
        files.addAndGet(n);
        tick();
    }

    public long bytesDone() {
        return bytes.get();
    }

    /** Redraws when due; cheap to call often. */
    public void tick() {
        long now = System.currentTimeMillis();
        long every = terminal ? 250 : plainEveryMs;
        if (now - lastShown < every) return;
        synchronized (this) {
            if (now - lastShown < every) return;
            lastShown = now;
            show();
        }
    }

    private void show() {
        String line = line();
        lastLine = line;
        if (terminal) {
            out.print("\r\033[K" + line);
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line() {
        double secs = Math.max(0.001, (System.nanoTime() - phaseStart) / 1e9);
        long b = bytes.get();
        long f = files.get();
        double rate = b / secs;
        StringBuilder sb = new StringBuilder(phase).append(": ");
        sb.append(f);
        if (totalFiles > 0) sb.append('/').append(totalFiles);
        sb.append(" files, ").append(Sizes.human(b));
        if (totalBytes > 0) {
            sb.append('/').append(Sizes.human(totalBytes));
            sb.append(String.format(" (%d%%)", Math.min(100, b * 100 / Math.max(1, totalBytes))));
        }
        sb.append(", ").append(Sizes.human((long) rate)).append("/s");
        if (totalBytes > 0 && rate > 0 && b < totalBytes) {
            sb.append(", ETA ").append(Sizes.duration((long) ((totalBytes - b) / rate)));
        }
        return sb.toString();
    }

    /** Prints a message on its own line, without breaking the progress line. */
    public synchronized void message(String text) {
        endLine();
        out.println(text);
        out.flush();
    }

    public synchronized void done() {
        if (terminal) {
            show();
            endLine();
        } else {
            String line = line();
            if (!line.equals(lastLine)) out.println(line);
            lastLine = line;
        }
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
