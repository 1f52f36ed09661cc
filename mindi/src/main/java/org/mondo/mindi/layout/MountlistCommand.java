package org.mondo.mindi.layout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mondo.layout.Layout;
import org.mondo.layout.Mountlist;

/**
 * {@code mindi --makemountlist FILE}: reads this machine's layout, writes MondoRescue's mountlist
 * derived from it to FILE and prints it, as mindi did. Returns the layout so the caller can write
 * it beside the mountlist ({@link LayoutCommand#write(Layout, Path)}) without reading twice.
 */
public final class MountlistCommand {
    private MountlistCommand() {}

    public static Layout run(Path file, PrintStream out) throws IOException {
        LayoutReader reader = new LayoutReader(new LiveMachine(), LayoutReader.Options.allDisks());
        Layout layout = reader.read();
        String text = Mountlist.from(layout).toText();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        out.print(text);
        for (String w : reader.warnings()) out.println("# warning: " + w);
        out.flush();
        return layout;
    }
}
