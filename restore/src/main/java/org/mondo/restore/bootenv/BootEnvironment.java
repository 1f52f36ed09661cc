package org.mondo.restore.bootenv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.mondo.volumes.RestoreConfig;

/**
 * What /init leaves for mondorestore in the boot environment: the backup's configuration and
 * layout in /etc/mondo, the medium it found (/tmp/mondo-medium) mounted on /mnt/cdrom, and the
 * words from the kernel command line. Paths are parameters so tests can point them elsewhere.
 */
public record BootEnvironment(Path etcMondo, Path mediumMount, Path mediumDeviceFile) {
    public static BootEnvironment standard() {
        return new BootEnvironment(Path.of("/etc/mondo"), Path.of("/mnt/cdrom"), Path.of("/tmp/mondo-medium"));
    }

    public RestoreConfig config() throws IOException {
        Path f = etcMondo.resolve(RestoreConfig.FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no " + f + ": this is not a Mondo boot environment (run mondorestore -Z on its boot media)");
        }
        try (InputStream in = Files.newInputStream(f)) {
            return RestoreConfig.read(in);
        }
    }

    public Optional<String> layoutText() throws IOException {
        Path f = etcMondo.resolve("layout.conf");
        return Files.isRegularFile(f) ? Optional.of(Files.readString(f)) : Optional.empty();
    }

    public Optional<String> mountlist() throws IOException {
        Path f = etcMondo.resolve("mountlist.txt");
        return Files.isRegularFile(f) ? Optional.of(Files.readString(f)) : Optional.empty();
    }

    public String mediumDevice() {
        try {
            return Files.readString(mediumDeviceFile).trim();
        } catch (IOException e) {
            return "(unknown)";
        }
    }
}
