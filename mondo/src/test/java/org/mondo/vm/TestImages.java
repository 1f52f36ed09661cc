package org.mondo.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the boot-media test helpers live: the shell scripts in the source tree's {@code test-images/}
 * and the shared cache directory (default {@code /var/cache/mondo-test}).
 */
public final class TestImages {
    private TestImages() {
    }

    /** The cache shared by all test runs on this host ({@code -Dmondo.test.cache=DIR} overrides). */
    public static Path cacheDir() throws IOException {
        Path dir = Path.of(System.getProperty("mondo.test.cache", "/var/cache/mondo-test"));
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * A script of {@code test-images/}, found by walking up from the working directory (a module directory
     * under Maven), or below {@code -Dmondo.test.images=DIR}.
     */
    public static Path script(String name) throws IOException {
        String configured = System.getProperty("mondo.test.images");
        if (configured != null) {
            return existing(Path.of(configured, name));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-images").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("test-images/" + name + " not found above " + Path.of("").toAbsolutePath()
                + " (set -Dmondo.test.images=DIR)");
    }

    private static Path existing(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException(p + " not found");
        }
        return p;
    }
}
