package org.mondo.tools;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Runs external programs (xorriso, cpio, hooks...) and logs every run to the "mondo.tools" logger:
 * the shell-quoted command line, each output line as it comes, then the exit status. stdout and
 * stderr are merged so the log shows them interleaved as the user would see them; only the last
 * 64 KiB is kept in memory, since tools such as xorriso can print a lot.
 */
public final class CommandRunner {
    static final int KEEP_BYTES = 64 * 1024;
    private static final int MAX_LOG_LINE = 4096;
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Logger LOG = Logger.getLogger("mondo.tools");

    private CommandRunner() {}

    public static CommandResult run(List<String> argv) throws ToolException {
        return run(argv, null, null, null);
    }

    /**
     * Runs argv and waits for it. {@code workDir}, {@code stdinFile} and {@code extraEnv} may be null
     * (inherit the working directory, read from /dev/null, inherit the environment unchanged).
     * Throws only if the program is missing or cannot be started; a non-zero exit is returned.
     */
    public static CommandResult run(List<String> argv, Path workDir, Path stdinFile, Map<String, String> extraEnv)
            throws ToolException {
        Process process = launch(argv, workDir,
                ProcessBuilder.Redirect.from(stdinFile == null ? new File("/dev/null") : stdinFile.toFile()), extraEnv);
        String name = programName(argv);
        long start = System.nanoTime();
        OutputTail tail = new OutputTail(name);
        try (InputStream out = process.getInputStream()) {
            tail.drain(out);
            return ended(name, process.waitFor(), tail, start);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolException(name + " interrupted", e);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new ToolException(name + ": reading its output failed: " + e.getMessage(), e);
        }
    }

    /**
     * Starts argv with a pipe to its stdin, for a program that takes commands while it runs
     * (xorriso's dialog); its output is logged by a thread of its own as it comes.
     */
    public static Running start(List<String> argv) throws ToolException {
        Process process = launch(argv, null, ProcessBuilder.Redirect.PIPE, null);
        return new Running(programName(argv), process);
    }

    /** A program started by {@link #start}: lines go to its stdin, {@link #finish} waits for its end. */
    public static final class Running implements AutoCloseable {
        private final String name;
        private final Process process;
        private final OutputTail tail;
        private final Thread drain;
        private final OutputStream stdin;
        private final long start = System.nanoTime();
        private CommandResult result;

        private Running(String name, Process process) {
            this.name = name;
            this.process = process;
            this.tail = new OutputTail(name);
            this.stdin = process.getOutputStream();
            this.drain = Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
                try (InputStream out = process.getInputStream()) {
                    tail.drain(out);
                } catch (IOException e) {
                    LOG.warning(name + ": reading its output failed: " + e.getMessage());
                }
            });
        }

        /** Calls {@code listener} (on the thread reading the output) with each output line from now on. */
        public void onLine(java.util.function.Consumer<String> listener) {
            tail.listener = listener;
        }

        /** Sends one line; fails with the program's last words when it has stopped taking them. */
        public void send(String line) throws ToolException {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new ToolException(name + " stopped taking commands" + lastWords(), e);
            }
        }

        /** Closes its stdin and waits for it to exit; a non-zero exit throws like {@link #check}. */
        public CommandResult finish() throws ToolException {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // it has gone already: its exit status says why
            }
            try {
                int exit = process.waitFor();
                drain.join();
                result = ended(name, exit, tail, start);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ToolException(name + " interrupted", e);
            }
            if (!result.succeeded()) throw failed(name, result);
            return result;
        }

        private String lastWords() {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) return "";
                drain.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
            String line = new CommandResult(process.exitValue(), tail.text(), Duration.ZERO).lastLine();
            return " (exit " + process.exitValue() + (line.isEmpty() ? ")" : "): " + line);
        }

        /** Kills it unless it has finished: for a run abandoned halfway. */
        @Override
        public void close() {
            if (result == null) process.destroyForcibly();
        }
    }

    private static Process launch(List<String> argv, Path workDir, ProcessBuilder.Redirect stdin,
                                  Map<String, String> extraEnv) throws ToolException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        Path exe = which(argv.getFirst()).orElseThrow(() -> notFound(argv.getFirst()));
        List<String> command = new ArrayList<>(argv);
        // Exec what we found, so the PATH lookup and the exec cannot disagree.
        command.set(0, exe.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(stdin);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        if (extraEnv != null) {
            pb.environment().putAll(extraEnv);
        }
        LOG.info(() -> "run: " + shellQuote(argv) + (workDir == null ? "" : "  (in " + workDir + ")"));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new ToolException(programName(argv) + " could not be started: " + e.getMessage(), e);
        }
    }

    /** "prog failed (exit N): last output line". */
    private static ToolException failed(String name, CommandResult result) {
        String line = result.lastLine();
        return new ToolException(name + " failed (exit " + result.exitCode() + ")"
                + (line.isEmpty() ? ", no output" : ": " + line), result);
    }

    private static CommandResult ended(String name, int exit, OutputTail tail, long start) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info(() -> String.format("%s: exit %d after %.3f s", name, exit, elapsed.toNanos() / 1e9));
        return new CommandResult(exit, tail.text(), elapsed);
    }

    public static CommandResult check(List<String> argv) throws ToolException {
        return check(argv, null, null, null);
    }

    /** Like {@link #run}, but a non-zero exit throws "prog failed (exit N): last output line". */
    public static CommandResult check(List<String> argv, Path workDir, Path stdinFile, Map<String, String> extraEnv)
            throws ToolException {
        CommandResult result = run(argv, workDir, stdinFile, extraEnv);
        if (!result.succeeded()) throw failed(programName(argv), result);
        return result;
    }

    /** Runs a user hook through {@code sh -c}; its exit status is the caller's to judge. */
    public static CommandResult runShell(String commandLine) throws ToolException {
        return runShell(commandLine, null);
    }

    /** Runs a user hook through {@code sh -c} with extra environment variables (may be null). */
    public static CommandResult runShell(String commandLine, Map<String, String> extraEnv) throws ToolException {
        return run(List.of(Tool.SH.program(), "-c", commandLine), null, null, extraEnv);
    }

    /** Where a program is: itself if it contains a '/', else the first executable file on $PATH. */
    public static Optional<Path> which(String program) {
        if (program.isEmpty()) {
            return Optional.empty();
        }
        if (program.contains("/")) {
            Path p = Path.of(program).toAbsolutePath();
            return isExecutableFile(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null || path.isEmpty() ? DEFAULT_PATH : path).split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, program).toAbsolutePath();
                if (isExecutableFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The command line as one would type it into sh, for the log and for error messages. */
    public static String shellQuote(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    static ToolException notFound(String program) {
        String name = Path.of(program).getFileName().toString();
        return new ToolException(Tool.forProgram(name)
                .map(t -> name + " not found: install the Debian package " + t.debianPackage())
                .orElse(program + " not found on PATH"));
    }

    private static String programName(List<String> argv) {
        Path p = Path.of(argv.getFirst()).getFileName();
        return p == null ? argv.getFirst() : p.toString();
    }

    private static boolean isExecutableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** Logs output line by line while keeping only the last KEEP_BYTES bytes in a ring buffer. */
    private static final class OutputTail {
        private final String prefix;
        private final byte[] ring = new byte[KEEP_BYTES];
        private long total;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        volatile java.util.function.Consumer<String> listener;

        OutputTail(String program) {
            this.prefix = program + "| ";
        }

        void drain(InputStream in) throws IOException {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    ring[(int) (total++ % KEEP_BYTES)] = buf[i];
                    byte b = buf[i];
                    if (b == '\n' || b == '\r' || line.size() >= MAX_LOG_LINE) {
                        flushLine();
                        if (b == '\n' || b == '\r') {
                            continue;
                        }
                    }
                    line.write(b);
                }
            }
            flushLine();
        }

        private void flushLine() {
            if (line.size() > 0) {
                String text = line.toString(StandardCharsets.UTF_8);
                LOG.info(() -> prefix + text);
                line.reset();
                java.util.function.Consumer<String> l = listener;
                if (l != null) l.accept(text);
            }
        }

        /** The kept bytes; when older output was dropped, start at the next whole line. */
        String text() {
            if (total <= KEEP_BYTES) {
                return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
            }
            int head = (int) (total % KEEP_BYTES);
            byte[] ordered = new byte[KEEP_BYTES];
            System.arraycopy(ring, head, ordered, 0, KEEP_BYTES - head);
            System.arraycopy(ring, 0, ordered, KEEP_BYTES - head, head);
            int from = 0;
            while (from < ordered.length && ordered[from] != '\n') {
                from++;
            }
            from = from < ordered.length ? from + 1 : 0;
            return new String(ordered, from, ordered.length - from, StandardCharsets.UTF_8);
        }
    }
}
