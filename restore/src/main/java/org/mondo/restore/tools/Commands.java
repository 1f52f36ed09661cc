package org.mondo.restore.tools;

import java.util.List;

import org.mondo.tools.ToolException;

/**
 * How the restore runs external programs: {@link SystemCommands} for real, a recording one in tests
 * (so the exact command lines a plan produces can be checked without disks).
 */
public interface Commands {
    /** Runs argv with {@code input} on stdin (null: none); a non-zero exit throws. Returns the output. */
    String check(List<String> argv, String input) throws ToolException;

    default String check(List<String> argv) throws ToolException {
        return check(argv, null);
    }

    /** Runs argv; returns the exit status, never throws for a non-zero one. */
    int status(List<String> argv) throws ToolException;
}
