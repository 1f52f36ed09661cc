package org.mondo.restore.execute;

import java.io.PrintStream;
import java.util.List;

/**
 * The last chance before the first write: the disks that will be erased, then a countdown the admin
 * can break with Ctrl-C (or power off). 0 seconds (the RESTORE label, "yes") skips it.
 */
public final class Countdown {
    private Countdown() {}

    /** Returns false when interrupted. */
    public static boolean run(int seconds, List<String> disks, PrintStream out) {
        if (seconds <= 0) return true;
        out.println("ALL DATA ON " + String.join(", ", disks) + " WILL BE ERASED. Ctrl-C or power off to stop.");
        for (int s = seconds; s > 0; s--) {
            out.println("  restoring in " + s + " s...");
            out.flush();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.println("stopped: nothing was written");
                return false;
            }
        }
        return true;
    }
}
