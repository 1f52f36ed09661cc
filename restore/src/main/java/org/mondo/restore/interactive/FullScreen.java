package org.mondo.restore.interactive;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The full-screen editor on a real terminal (the console or a serial line), with JLine: each page
 * clears the screen and is drawn from the top, cut to the terminal's height; the command line
 * below it has history and completion of commands and device names.
 */
public final class FullScreen implements Screen {
    private final Terminal terminal;
    private final LineReader reader;
    private final PrintStream out;

    public FullScreen(List<String> completions) throws IOException {
        terminal = TerminalBuilder.builder().system(true).build();
        // A serial line does not know its size (0x0): take $COLUMNS/$LINES, else 80x24.
        if (terminal.getWidth() <= 0 || terminal.getHeight() <= 0) {
            terminal.setSize(new org.jline.terminal.Size(envInt("COLUMNS", 80), envInt("LINES", 24)));
        }
        reader = LineReaderBuilder.builder().terminal(terminal).completer(new StringsCompleter(completions)).build();
        drainReplies();
        out = new PrintStream(terminal.output(), true, terminal.encoding());
    }

    private static int envInt(String name, int fallback) {
        try {
            return Integer.parseInt(System.getenv().getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void show(List<String> page) {
        terminal.puts(InfoCmp.Capability.clear_screen);
        int rows = terminal.getHeight() > 4 ? terminal.getHeight() - 2 : 22;
        int cols = terminal.getWidth() > 10 ? terminal.getWidth() : 80;
        int n = 0;
        for (String line : page) {
            if (n++ == rows - 1 && page.size() > rows) {
                terminal.writer().println("  ... " + (page.size() - n + 1) + " more lines (type 'plan' for all of them)");
                break;
            }
            terminal.writer().println(line.length() > cols ? line.substring(0, cols - 1) : line);
        }
        terminal.flush();
    }

    /**
     * JLine asks the terminal what it can do (device attributes, modes); over a slow serial line the
     * answers can arrive after it stopped waiting and would be read as typed text. Wait for them once
     * and throw them away; {@link #withoutReplies} catches any that come later still.
     */
    private void drainReplies() {
        try {
            long end = System.currentTimeMillis() + 500;
            while (System.currentTimeMillis() < end) {
                if (terminal.reader().read(100) < -1) break;
            }
        } catch (IOException e) {
            // nothing to drain
        }
    }

    /** Terminal answers (ESC [ ? 1 ; 2 c, ESC [ ? 2026 ; 2 $ y, ESC [ 24 ; 80 R) left in a line, without their ESC. */
    static String withoutReplies(String line) {
        String reply = "(\\u001b?\\[\\??[0-9;]*(\\$y|[cR]))+";
        return line.replaceAll("^" + reply, "").replaceAll(reply + "$", "");
    }

    @Override
    public String readLine(String prompt) {
        try {
            String line = reader.readLine(prompt);
            return line == null ? null : withoutReplies(line);
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal goes with the process
        }
    }
}
