package org.mondo.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short host command (qemu-img, modprobe, a test-images script) and returns its standard output. */
public final class HostCommand {
    private HostCommand() {
    }

    public static String run(Duration timeout, String... command) throws IOException {
        return run(timeout, List.of(command));
    }

    /** Runs {@code command}; throws with the tail of its standard error when it fails or outlives {@code timeout}. */
    public static String run(Duration timeout, List<String> command) throws IOException {
        Path out = Files.createTempFile("mondo-cmd", ".out");
        Path err = Files.createTempFile("mondo-cmd", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no result within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String e = Files.readString(err, StandardCharsets.UTF_8).strip();
                if (e.length() > 2000) {
                    e = "..." + e.substring(e.length() - 2000);
                }
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")"
                        + (e.isEmpty() ? "" : ": " + e));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
