package org.mondo.restore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mondo.archive.MondoArchive;

/** Helpers shared by the Cli*Test classes: run the programs, build trees, compare trees. */
final class CliSupport {
    static final String ARCHIVE = "org.mondo.archive.MondoArchive";
    static final String RESTORE = "org.mondo.restore.cli.MondoRestore";

    private CliSupport() {}

    /** What a program run left behind. */
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }

        /** The lines a program prints about itself ("mondoarchive: ..."), as opposed to progress lines. */
        List<String> errLinesOf(String program) {
            return errLines().stream().filter(l -> l.startsWith(program + ": ")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /**
     * Runs a program as its own process, the way bin/mondoarchive and bin/mondorestore do (same JVM
     * flags, C.UTF-8 locale), but on the test class path so that it runs the code just compiled.
     */
    static Result run(String mainClass, Path logDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xss4m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C.UTF-8");
        env.put("MONDO_LOG_DIR", logDir.toString());
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout", ".txt");
        Path err = Files.createTempFile(logDir, "stderr", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Result archive(Path logDir, String... args) throws IOException, InterruptedException {
        return run(ARCHIVE, logDir, args);
    }

    static Result restore(Path logDir, String... args) throws IOException, InterruptedException {
        return run(RESTORE, logDir, args);
    }

    /** mondoarchive in this JVM (faster); never with -V (it would write /var/log/mondo/changed.files). */
    static int archiveInProcess(String... args) {
        for (String a : args) {
            if (a.equals("-V") || a.equals("--verify") || a.matches("-[A-Za-z0-9]*V[A-Za-z0-9]*")) {
                throw new IllegalArgumentException("run -V as a process (it needs MONDO_LOG_DIR)");
            }
        }
        return MondoArchive.execute(args);
    }

    static int restoreInProcess(String... args) {
        return MondoRestore.execute(args);
    }

    /** Concatenates argument arrays. */
    static String[] args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] a) out.addAll(List.of(a));
            else if (p instanceof List<?> l) for (Object o : l) out.add(o.toString());
            else out.add(p.toString());
        }
        return out.toArray(String[]::new);
    }

    static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] text(int lines, String seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) sb.append(seed).append(" line ").append(i).append(" of some compressible text\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A small tree with a bit of everything: text files, a symlink, a hard link, an empty
     * directory, odd modes, a name with a space; plus {@code randomBytes} of incompressible data
     * (a couple of files bigger than 1 MiB, the rest 48 KiB files).
     */
    static Path makeTree(Path src, long randomBytes, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(src.resolve("etc/conf.d"));
        Files.createDirectories(src.resolve("home/user/docs"));
        Files.createDirectories(src.resolve("empty"));
        Files.createDirectories(src.resolve("data"));
        Files.write(src.resolve("etc/hosts"), text(20, "hosts"));
        Files.write(src.resolve("etc/conf.d/app.conf"), text(200, "conf"));
        Files.write(src.resolve("home/user/docs/notes.txt"), text(500, "notes"));
        Files.write(src.resolve("home/user/with space.txt"), text(3, "space"));
        Files.write(src.resolve("home/user/empty-file"), new byte[0]);
        Files.setPosixFilePermissions(src.resolve("home/user/docs/notes.txt"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(src.resolve("home/user"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(src.resolve("etc/link-to-hosts"), Path.of("hosts"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("/nonexistent/target"));
        Files.createLink(src.resolve("etc/hosts.hardlink"), src.resolve("etc/hosts"));
        long left = randomBytes;
        int big = 0;
        while (left >= (2L << 20) && big < 2) {
            int n = (int) Math.min(left, (3L << 20) / 2 + rnd.nextInt(1 << 19));
            Files.write(src.resolve("data/big" + big++ + ".bin"), random(rnd, n));
            left -= n;
        }
        int i = 0;
        while (left > 0) {
            int n = (int) Math.min(left, 48 * 1024);
            Files.write(src.resolve("data/small" + i++ + ".bin"), random(rnd, n));
            left -= n;
        }
        // Fixed times for the directories (files keep theirs): restores must bring them back.
        FileTime t = FileTime.fromMillis(1_600_000_000_000L);
        for (String d : List.of("etc/conf.d", "etc", "home/user/docs", "home/user", "home", "empty", "data")) {
            Files.setLastModifiedTime(src.resolve(d), t);
        }
        return src;
    }

    /** Every path below {@code root} (relative, "" for root itself), sorted. */
    static List<String> relativePaths(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** Asserts two trees are equal: same names, types, permission bits, owners, contents, link targets, mtimes. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        List<String> e = relativePaths(expected);
        List<String> a = relativePaths(actual);
        assertEquals(e, a, "the trees hold different names");
        Map<String, String> problems = new TreeMap<>();
        for (String rel : e) {
            Path x = rel.isEmpty() ? expected : expected.resolve(rel);
            Path y = rel.isEmpty() ? actual : actual.resolve(rel);
            List<String> what = new ArrayList<>();
            boolean xl = Files.isSymbolicLink(x);
            if (xl != Files.isSymbolicLink(y)) what.add("type");
            else if (xl) {
                if (!Files.readSymbolicLink(x).equals(Files.readSymbolicLink(y))) what.add("link target");
            } else {
                if (Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS) != Files.isDirectory(y, LinkOption.NOFOLLOW_LINKS)) {
                    what.add("type");
                } else if (Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)
                        && !Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) {
                    what.add("content");
                }
                if (mode(x) != mode(y)) what.add(String.format("mode %04o vs %04o", mode(x), mode(y)));
                if (!Files.getLastModifiedTime(x, LinkOption.NOFOLLOW_LINKS)
                        .equals(Files.getLastModifiedTime(y, LinkOption.NOFOLLOW_LINKS))) {
                    what.add("mtime " + Files.getLastModifiedTime(x, LinkOption.NOFOLLOW_LINKS) + " vs "
                            + Files.getLastModifiedTime(y, LinkOption.NOFOLLOW_LINKS));
                }
            }
            if (!Files.getAttribute(x, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getAttribute(y, "unix:uid", LinkOption.NOFOLLOW_LINKS))) what.add("uid");
            if (!rel.isEmpty() && Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)) {
                int nx = (Integer) Files.getAttribute(x, "unix:nlink");
                int ny = (Integer) Files.getAttribute(y, "unix:nlink");
                if (nx != ny) what.add("nlink " + nx + " vs " + ny);
            }
            if (!what.isEmpty()) problems.put(rel.isEmpty() ? "." : rel, String.join(", ", what));
        }
        assertTrue(problems.isEmpty(), "restored tree differs: " + problems);
    }

    /** Where the backed-up {@code src} lands under a restore target. */
    static Path under(Path target, Path src) {
        return target.resolve(src.toAbsolutePath().toString().substring(1));
    }

    /** The PREFIX-N.iso files in a directory, in volume order; asserts they are numbered 1..N. */
    static List<Path> volumes(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int n = 1; ; n++) {
            Path p = dir.resolve(prefix + "-" + n + ".iso");
            if (!Files.exists(p)) break;
            out.add(p);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> all = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).sorted().toList();
            assertEquals(out.size(), all.size(), "volumes are not numbered 1..N: " + all);
        }
        return out;
    }

    static void assertSameBytes(byte[] expected, Path file) throws IOException {
        assertArrayEquals(expected, Files.readAllBytes(file), file + " changed");
    }

    /** Files in dir whose name looks like an unfinished volume. */
    static List<String> partials(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList();
        }
    }
}
