package org.mondo.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's serial console (QEMU's {@code -serial stdio}): everything the guest prints goes, raw, to a
 * transcript file and, without terminal escapes and carriage returns, to a rolling buffer that
 * {@link #expect} searches. Each {@code expect} searches only what came after the previous match.
 * {@link #failOn} patterns (defaults: a kernel panic or a crashed JVM on the console, "KVM internal error" from
 * QEMU) end a wait at once instead of at its timeout.
 */
public final class SerialConsole implements AutoCloseable {
    /** One match of {@link #expect}: the groups, and when it was seen (time since QEMU started). */
    public record Match(MatchResult result, Duration elapsed) {
        public String group() {
            return result.group();
        }

        public String group(int n) {
            return result.group(n);
        }

        public String group(String name) {
            return result.group(name);
        }
    }

    private static final int MAX_BUFFER = 4 << 20;
    private static final int TAIL = 2048;

    private final Process process;
    private final Path log;
    private final Path qemuLog;
    private final long startNanos;
    private final Duration charDelay;
    private final OutputStream stdin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder qemuText = new StringBuilder();
    private final List<Pattern> failOn = new CopyOnWriteArrayList<>(List.of(
            Pattern.compile("Kernel panic - not syncing.*"),
            Pattern.compile("# Problematic frame:\\R# .*"), // HotSpot's crash report: the guest's Java died
            Pattern.compile("KVM internal error.*")));
    private final Thread serialReader;
    private final Thread qemuReader;
    private long base;
    private long lastOutputNanos;
    private long cursor;
    private boolean serialEof;
    private IOException readFailure;

    SerialConsole(Process process, Path log, Path qemuLog, Duration charDelay, long startNanos) {
        this.process = process;
        this.log = log;
        this.qemuLog = qemuLog;
        this.charDelay = charDelay;
        this.startNanos = startNanos;
        this.lastOutputNanos = startNanos;
        this.stdin = process.getOutputStream();
        this.serialReader = Thread.ofPlatform().daemon().name("serial-" + log.getFileName())
                .start(() -> pump(process.getInputStream(), log, false));
        this.qemuReader = Thread.ofPlatform().daemon().name("qemu-stderr-" + log.getFileName())
                .start(() -> pump(process.getErrorStream(), qemuLog, true));
    }

    /** The raw transcript of the serial line (kept in the VM's work directory). */
    public Path log() {
        return log;
    }

    /** QEMU's own messages (its standard error), after the command line that started it. */
    public Path qemuLog() {
        return qemuLog;
    }

    /** Also ends waits as soon as {@code pattern} appears on the console or in QEMU's messages. */
    public SerialConsole failOn(Pattern pattern) {
        failOn.add(pattern);
        return this;
    }

    /** Forgets all failure patterns, the defaults included. */
    public SerialConsole clearFailOn() {
        failOn.clear();
        return this;
    }

    public Match expect(String literal, Duration timeout) {
        return expect(Pattern.compile(Pattern.quote(literal)), timeout);
    }

    /**
     * Waits for {@code pattern} in the console output after the previous match. Throws an AssertionError, with
     * the transcript's path and the last 2 KB of output, on timeout, on a {@link #failOn} pattern, or when QEMU
     * exits first.
     */
    public Match expect(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                int from = (int) (Math.max(cursor, base) - base);
                Matcher m = pattern.matcher(text).region(from, text.length());
                boolean found = m.find();
                int end = found ? m.start() : text.length();
                for (Pattern f : failOn) {
                    Matcher fm = f.matcher(text).region(from, end);
                    if (fm.find()) {
                        throw failure("found failure pattern '" + fm.group() + "' while waiting for /" + pattern + "/");
                    }
                    Matcher qm = f.matcher(qemuText);
                    if (qm.find()) {
                        throw failure("QEMU: '" + qm.group() + "' while waiting for /" + pattern + "/");
                    }
                }
                if (found) {
                    cursor = base + m.end();
                    return new Match(m.toMatchResult(), elapsed());
                }
                if (serialEof && !process.isAlive()) {
                    throw failure("QEMU exited before /" + pattern + "/ appeared");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure("no /" + pattern + "/ within " + timeout.toSeconds() + " s");
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for /" + pattern + "/");
        } finally {
            lock.unlock();
        }
    }

    /** Ignores everything printed so far: the next {@link #expect} only searches newer output. */
    public void skipAll() {
        lock.lock();
        try {
            cursor = base + text.length();
        } finally {
            lock.unlock();
        }
    }

    /** The filtered output still in the rolling buffer (the last few MB). */
    public String text() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    /** The last {@code chars} characters of filtered output. */
    public String tail(int chars) {
        lock.lock();
        try {
            return text.substring(Math.max(0, text.length() - chars));
        } finally {
            lock.unlock();
        }
    }

    /** Types {@code s} one character at a time, with the VM's per-character delay (a serial line has no flow control). */
    public void send(String s) {
        try {
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                stdin.write(b);
                stdin.flush();
                if (!charDelay.isZero()) {
                    Thread.sleep(charDelay);
                }
            }
        } catch (IOException e) {
            throw failure("cannot type into the serial console (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while typing");
        }
    }

    /** {@link #send} followed by Enter (a carriage return, as a terminal sends it). */
    public void sendLine(String s) {
        send(s + "\r");
    }

    /**
     * Waits until QEMU exits (the guest powered off, or {@code -no-reboot} stopped a reboot) and the whole output
     * is read; returns QEMU's exit status.
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("QEMU still running after " + timeout.toSeconds() + " s");
            }
            serialReader.join(5000);
            qemuReader.join(5000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for QEMU to exit");
        }
    }

    /** Time since QEMU was started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Waits briefly for the readers to finish (call after QEMU is gone). */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // QEMU is gone
        }
        try {
            serialReader.join(5000);
            qemuReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An AssertionError naming the transcript, with the last 2 KB of output and of QEMU's messages. */
    AssertionError failure(String what) {
        lock.lock();
        try {
            String tail = text.substring(Math.max(0, text.length() - TAIL));
            String qemu = qemuText.toString().strip();
            String state = process.isAlive()
                    ? String.format("QEMU running, %s CPU used, last console output %.1f s ago",
                            process.toHandle().info().totalCpuDuration()
                                    .map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("? s"),
                            (System.nanoTime() - lastOutputNanos) / 1e9)
                    : "QEMU exited with status " + process.exitValue();
            return new AssertionError(String.format("%s (at %.1f s; %s)%ntranscript: %s%nQEMU log: %s%n"
                            + "--- last %d chars of the console ---%n%s%n--- end of console ---%s%s",
                    what, elapsed().toMillis() / 1000.0, state, log, qemuLog, tail.length(), tail,
                    qemu.isEmpty() ? "" : System.lineSeparator() + "QEMU said: ",
                    qemu.length() > TAIL ? qemu.substring(qemu.length() - TAIL) : qemu)
                    + (readFailure == null ? "" : System.lineSeparator() + "read error: " + readFailure));
        } finally {
            lock.unlock();
        }
    }

    private void pump(InputStream in, Path file, boolean qemu) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        AnsiFilter filter = new AnsiFilter();
        ByteBuffer bytes = ByteBuffer.allocate(8192);
        CharBuffer chars = CharBuffer.allocate(8192);
        try (in; OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    break;
                }
                out.write(bytes.array(), bytes.position(), n);
                out.flush();
                bytes.position(bytes.position() + n);
                bytes.flip();
                decoder.decode(bytes, chars, false);
                bytes.compact();
                chars.flip();
                lock.lock();
                try {
                    if (qemu) {
                        filter.filter(chars, qemuText);
                        if (qemuText.length() > 65536) {
                            qemuText.delete(0, qemuText.length() - 32768);
                        }
                    } else {
                        lastOutputNanos = System.nanoTime();
                        filter.filter(chars, text);
                        if (text.length() > MAX_BUFFER) {
                            int drop = text.length() - MAX_BUFFER / 2;
                            text.delete(0, drop);
                            base += drop;
                        }
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                chars.clear();
            }
        } catch (IOException e) {
            lock.lock();
            try {
                readFailure = e;
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                if (!qemu) {
                    serialEof = true;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
