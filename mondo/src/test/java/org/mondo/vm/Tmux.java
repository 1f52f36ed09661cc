package org.mondo.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mondo.tools.CommandRunner;

/**
 * A command (QEMU with its serial console on stdio) inside a detached tmux session, driven as a
 * person at a terminal would: keys typed with send-keys, the screen read with capture-pane. For the
 * full-screen parts of the boot environment, which a line-oriented console reader cannot follow.
 * Everything the pane shows is also appended to a transcript file (pipe-pane).
 */
public final class Tmux implements AutoCloseable {
    private final String session;

    public Tmux(String session, int columns, int rows, List<String> command, Path transcript) throws IOException {
        this.session = session;
        tmux("kill-session", "-t", session);
        check("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "exec " + CommandRunner.shellQuote(command));
        check("pipe-pane", "-t", session, "-o", "cat >> " + CommandRunner.shellQuote(List.of(transcript.toString())));
    }

    /** What the pane shows now (the visible screen and up to 300 lines above it). */
    public String screen() throws IOException {
        return check("capture-pane", "-p", "-J", "-t", session, "-S", "-300");
    }

    /** Types text one key at a time (a serial line drops keys typed faster than the guest reads them). */
    public void type(String text) throws IOException {
        for (char ch : text.toCharArray()) {
            // A lone ";" is tmux's command separator, even after -l.
            check("send-keys", "-t", session, "-l", ch == ';' ? "\\;" : String.valueOf(ch));
            pause(Duration.ofMillis(40));
        }
    }

    public void enter() throws IOException {
        check("send-keys", "-t", session, "Enter");
    }

    public void line(String text) throws IOException {
        type(text);
        enter();
    }

    /** Waits until the screen matches; returns the match. Fails with the screen in the message. */
    public Matcher await(Pattern p, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            if (!alive()) throw new AssertionError("tmux session " + session + " ended; last screen:\n" + last);
            last = screen();
            Matcher m = p.matcher(last);
            if (m.find()) return m;
            pause(Duration.ofSeconds(1));
        }
        throw new AssertionError("no " + p + " within " + timeout + "; screen:\n" + last);
    }

    public boolean alive() {
        try {
            return tmux("has-session", "-t", session) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the command in the pane to end (QEMU powered off). */
    public void awaitEnd(Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (alive()) {
            if (System.nanoTime() > end) throw new AssertionError("tmux session " + session + " still running after " + timeout);
            pause(Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() throws IOException {
        tmux("kill-session", "-t", session);
    }

    private record Result(int status, String output) {}

    private static Result exec(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("tmux"));
        a.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(a).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int tmux(String... args) throws IOException {
        return exec(args).status();
    }

    private static String check(String... args) throws IOException {
        Result r = exec(args);
        if (r.status() != 0) throw new IOException("tmux " + String.join(" ", args) + " failed: " + r.output().strip());
        return r.output();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
