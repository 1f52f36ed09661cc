package org.mondo.restore.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The time each phase of a restore took, for the summary at its end and the log. */
public final class PhaseClock {
    private static final Logger LOG = Logger.getLogger("mondo.restore");
    private final long start = System.nanoTime();
    private final List<String> names = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private String current;
    private long currentStart;

    public void start(String phase) {
        stop();
        current = phase;
        currentStart = System.nanoTime();
        LOG.info("phase: " + phase);
    }

    public void stop() {
        if (current == null) return;
        names.add(current);
        nanos.add(System.nanoTime() - currentStart);
        LOG.info(String.format("phase %s took %.1f s", current, (System.nanoTime() - currentStart) / 1e9));
        current = null;
    }

    /** One line per phase and the total, e.g. "  restore files      2 min 05 s". */
    public List<String> summary() {
        stop();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add(String.format("  %-28s %s", names.get(i), seconds(nanos.get(i))));
        out.add(String.format("  %-28s %s", "total", seconds(System.nanoTime() - start)));
        return out;
    }

    private static String seconds(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%.1f s", nanos / 1e9);
    }
}
