package org.mondo.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of one run (/var/log/mondoarchive.log, /var/log/mondorestore.log, /var/log/mindi.log):
 * appended, root-only (it names every file, /etc/shadow included), one line per record with the
 * time and the part of the program. Console output stays separate and short.
 */
public final class RunLog {
    private static final Logger ROOT = Logger.getLogger("mondo");
    private static Path current;

    private RunLog() {}

    /** The log path: --log if given, else $MONDO_LOG_DIR/NAME.log, else /var/log/NAME.log. */
    public static Path defaultPath(String program) {
        String dir = System.getenv("MONDO_LOG_DIR");
        return Path.of(dir != null && !dir.isEmpty() ? dir : "/var/log", program + ".log");
    }

    /** Opens the log; returns a warning to show when it cannot be opened (the run goes on without it). */
    public static String open(Path file, String program, String commandLine) {
        Logger.getLogger("").setLevel(Level.OFF);
        for (Handler h : Logger.getLogger("").getHandlers()) Logger.getLogger("").removeHandler(h);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            FileHandler h = new FileHandler(file.toString(), true);
            h.setFormatter(new LineFormatter());
            h.setLevel(Level.ALL);
            ROOT.setUseParentHandlers(false);
            ROOT.addHandler(h);
            ROOT.setLevel(Level.ALL);
            current = file;
            ROOT.info("==== " + program + " started: " + commandLine);
            ROOT.info("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cpus, pid "
                    + ProcessHandle.current().pid());
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot write the log " + file + " (" + e.getMessage() + "): going on without it";
        }
    }

    public static Path current() {
        return current;
    }

    public static void close() {
        for (Handler h : ROOT.getHandlers()) {
            h.flush();
            h.close();
            ROOT.removeHandler(h);
        }
    }

    private static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(LocalDateTime.now().format(TIME)).append(' ');
            sb.append(r.getLevel() == Level.INFO ? "" : r.getLevel() + " ");
            sb.append('[').append(r.getLoggerName()).append("] ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}
