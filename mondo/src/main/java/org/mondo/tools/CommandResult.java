package org.mondo.tools;

import java.time.Duration;

/**
 * The outcome of one external command: its exit status, the last 64 KiB of its merged
 * stdout+stderr, and how long it ran.
 */
public record CommandResult(int exitCode, String output, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * The last non-empty output line, or "" if there is none. xorriso's closing lines
     * "xorriso : aborting : -abort_on ..." and "xorriso : NOTE : -return_with ..." say nothing
     * about the cause, so they are passed over for the FAILURE line before them.
     */
    public String lastLine() {
        String[] lines = output.split("[\r\n]+");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("xorriso : aborting :")
                    && !line.startsWith("xorriso : NOTE : -return_with")) {
                return line;
            }
        }
        return "";
    }
}
