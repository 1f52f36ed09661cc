package org.mondo.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes a compare result where admins look for it (/var/log/mondo/changed.files, one path and
 * what differs per line; damaged backup entries are marked "backup damaged") and a short summary.
 */
public final class CompareReport {
    private static final Logger LOG = Logger.getLogger("mondo.compare");

    private CompareReport() {}

    public static Path defaultFile() {
        String dir = System.getenv("MONDO_LOG_DIR");
        return Path.of(dir != null && !dir.isEmpty() ? dir : "/var/log", "mondo", "changed.files");
    }

    /** Writes the file and the summary; returns the exit status (0 nothing differs, 1 something does). */
    public static int report(CompareEngine.Result r, Path file, PrintStream out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Difference d : r.differences()) lines.add(d.line());
        for (Difference d : r.damaged()) lines.add(d.line());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, lines, StandardCharsets.UTF_8);
        for (String l : lines) LOG.info("differs: " + l);
        if (r.clean()) {
            out.println("Compared " + r.compared() + " entries: no differences.");
            return 0;
        }
        out.println("Compared " + r.compared() + " entries: " + r.differences().size() + " differ from the system, "
                + r.damaged().size() + " cannot be read from the backup. List: " + file);
        int shown = 0;
        for (String l : lines) {
            if (shown++ == 20) {
                out.println("  … " + (lines.size() - 20) + " more in " + file);
                break;
            }
            out.println("  " + l.replace('\t', ' '));
        }
        return 1;
    }
}
