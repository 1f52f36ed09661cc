package org.mondo.restore.interactive;

import java.io.PrintStream;
import java.util.List;

/** Where interactive mode shows its page and reads the admin's commands. */
public interface Screen extends AutoCloseable {
    /** Shows a whole page: on a full screen it replaces what was there, on a plain one it is printed. */
    void show(List<String> page);

    /** A line typed by the admin, or null at end of input. */
    String readLine(String prompt);

    /** Where progress and messages go while a restore runs. */
    PrintStream out();

    @Override
    void close();
}
