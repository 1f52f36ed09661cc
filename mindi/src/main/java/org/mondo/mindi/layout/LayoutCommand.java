package org.mondo.mindi.layout;

import java.io.IOException;
import java.nio.file.Path;

import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;

/** Writes this machine's layout (docs/layout-format.md) to a file. */
public final class LayoutCommand {
    private LayoutCommand() {}

    /** Reads the whole machine and writes its layout to {@code file}; returns it. */
    public static Layout write(Path file) throws IOException {
        Layout layout = new LayoutReader(new LiveMachine(), LayoutReader.Options.allDisks()).read();
        write(layout, file);
        return layout;
    }

    /** Writes an already read layout (so that mindi reads the machine once for mountlist and layout). */
    public static void write(Layout layout, Path file) throws IOException {
        LayoutFormat.write(layout, file);
    }
}
