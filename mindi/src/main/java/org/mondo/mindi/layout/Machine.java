package org.mondo.mindi.layout;

import java.io.IOException;
import java.util.List;

import org.mondo.tools.CommandResult;

/**
 * The machine as {@link LayoutReader} sees it: commands, files (/proc, /sys, /etc) and block
 * devices. {@link LiveMachine} is this machine; tests replay outputs captured on real ones.
 */
public interface Machine {
    /** Runs a command; the output is stdout and stderr merged. A non-zero exit is returned, not thrown. */
    CommandResult run(List<String> argv) throws IOException;

    boolean hasProgram(String program);

    /** A whole file as text; NoSuchFileException when it does not exist. */
    String readFile(String path) throws IOException;

    boolean exists(String path);

    /** The names in a directory, sorted; empty when it does not exist. */
    List<String> list(String dir) throws IOException;

    /** The path with every symlink followed (/dev/mapper/vg0-root → /dev/dm-0). */
    String realPath(String path) throws IOException;

    SectorReader open(String device) throws IOException;

    /** Bytes in use on the filesystem mounted at this path (df's "used"); 0 when unknown. */
    default long usedBytes(String mountpoint) {
        return 0;
    }
}
