package org.mondo.vm;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * QEMU's human monitor (HMP) on a unix socket: change or eject the CD, power the guest down, quit.
 * Commands and their answers are plain text; {@link #command} returns the answer without echo or prompt.
 */
public final class Monitor implements AutoCloseable {
    private static final String PROMPT = "(qemu) ";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final SocketChannel channel;
    private final Selector selector;
    private final StringBuilder pending = new StringBuilder();

    private Monitor(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        readUntilPrompt(ANSWER_TIMEOUT);
    }

    /** Connects to QEMU's {@code -monitor unix:SOCKET,server=on,wait=off}, waiting for the socket to appear. */
    static Monitor connect(Path socket, Duration timeout, ProcessHandle qemu) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && qemu.isAlive()) {
            if (Files.exists(socket)) {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return new Monitor(ch);
                } catch (IOException e) {
                    ch.close();
                    last = e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to the QEMU monitor", e);
            }
        }
        throw new IOException("cannot connect to the QEMU monitor " + socket
                + (qemu.isAlive() ? "" : " (QEMU exited)") + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** Runs one HMP command (e.g. {@code info block}) and returns its answer. */
    public synchronized String command(String command) throws IOException {
        if (command.contains("\n")) {
            throw new IllegalArgumentException("one line only: " + command);
        }
        ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        String answer = readUntilPrompt(ANSWER_TIMEOUT);
        // The first line is QEMU echoing the command (readline redraws it, hence the escapes).
        int nl = answer.indexOf('\n');
        return nl < 0 ? "" : answer.substring(nl + 1).strip();
    }

    /** Ejects the medium of CD drive {@code drive} ({@code cd0}, ...); {@code force} even if the guest locked it. */
    public String eject(String drive, boolean force) throws IOException {
        return command("eject " + (force ? "-f " : "") + drive);
    }

    /** Inserts the ISO {@code iso} into CD drive {@code drive}. */
    public String change(String drive, Path iso) throws IOException {
        return command("change " + drive + " " + iso.toAbsolutePath() + " raw");
    }

    /** Presses the ACPI power button (the guest must handle it: busybox init without acpid does not). */
    public String systemPowerdown() throws IOException {
        return command("system_powerdown");
    }

    /** Ends QEMU at once. */
    public synchronized void quit() throws IOException {
        ByteBuffer out = ByteBuffer.wrap("quit\n".getBytes(StandardCharsets.UTF_8));
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            readUntilPrompt(Duration.ofSeconds(10));
        } catch (IOException expected) {
            // QEMU closed the connection while quitting
        }
    }

    @Override
    public synchronized void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Reads until the prompt; returns what came before it (escapes and CRs removed). EOF ends the answer too. */
    private String readUntilPrompt(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            String clean = AnsiFilter.strip(pending);
            int at = clean.lastIndexOf(PROMPT);
            if (at >= 0 && clean.substring(at + PROMPT.length()).isBlank()) {
                pending.setLength(0);
                return clean.substring(0, at);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new IOException("no answer from the QEMU monitor; got: " + clean);
            }
            selector.select(left);
            selector.selectedKeys().clear();
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                pending.setLength(0);
                return clean;
            }
            pending.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        }
    }
}
