package org.mondo.restore.interactive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Plain lines for "textonly" and dumb terminals: every page printed below the last, no cursor movement. */
public final class PlainScreen implements Screen {
    private final BufferedReader in;
    private final PrintStream out;

    public PlainScreen(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public void show(List<String> page) {
        out.println();
        page.forEach(out::println);
    }

    @Override
    public String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public void close() {
        out.flush();
    }
}
