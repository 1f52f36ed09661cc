package org.mondo.compare;

import java.util.List;

import org.mondo.nativeio.PathBytes;

/** One path that differs between the backup and the system, and what differs ("content", "mode 0644→0600"…). */
public record Difference(byte[] path, List<String> what) {
    /** The line written to changed.files: the escaped path, a tab, then what differs. */
    public String line() {
        return PathBytes.escape(path) + "\t" + String.join(", ", what);
    }
}
