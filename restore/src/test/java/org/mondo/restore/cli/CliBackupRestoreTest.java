package org.mondo.restore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mondo.restore.cli.CliSupport.args;
import static org.mondo.restore.cli.CliSupport.archiveInProcess;
import static org.mondo.restore.cli.CliSupport.mode;
import static org.mondo.restore.cli.CliSupport.restoreInProcess;
import static org.mondo.restore.cli.CliSupport.under;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.catalog.Entry;
import org.mondo.media.IsoFile;
import org.mondo.media.IsoImage;
import org.mondo.read.Backup;

/**
 * mondoarchive and mondorestore end to end on small trees: backup into ISO images, refusal to
 * overwrite, permissions, several volumes, missing and foreign volumes, -A/-B hooks,
 * MondoRescue's digit options, -E, verify and compare, selective restore, --list.
 */
class CliBackupRestoreTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    Path src;
    Path logs;
    Path scratch;

    @BeforeEach
    void setUp() throws IOException {
        src = tmp.resolve("src");
        logs = Files.createDirectories(tmp.resolve("logs"));
        scratch = Files.createDirectories(tmp.resolve("scratch"));
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** The options every backup here uses: small sets and slices, 8 MiB volumes, private -T, a log in tmp. */
    private String[] common(Path out, String prefix) {
        return new String[] {"-d", out.toString(), "-p", prefix, "-I", src.toString(), "-T", scratch.toString(),
                "--log", logs.resolve("archive.log").toString(), "--set-size", "64k", "--slice-size", "1m", "-s", "8m"};
    }

    private void backup(Path out, String prefix, String... extra) {
        assertEquals(0, archiveInProcess(args("-OiW", common(out, prefix), extra)), "backup into " + out + " failed");
    }

    private String restoreLog() {
        return logs.resolve("restore.log").toString();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ overwrite guard

    @Test
    void secondBackupWithTheSamePrefixRefusesUnlessOverwrite() throws Exception {
        CliSupport.makeTree(src, 0, 1);
        Path out = dir("out");
        backup(out, "P");
        Path iso = out.resolve("P-1.iso");
        byte[] first = Files.readAllBytes(iso);

        CliSupport.Result r = CliSupport.archive(logs, args("-OiW", common(out, "P")));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), "one line expected: " + r);
        assertTrue(r.errLines().get(0).startsWith("mondoarchive: "), r.toString());
        assertTrue(r.errLines().get(0).contains(iso.toString()), "the line should name " + iso + ": " + r);
        assertArrayEquals(first, Files.readAllBytes(iso), "the refused run changed the first backup");
        assertEquals(List.of("P-1.iso"), names(out));

        backup(out, "P", "--overwrite");
        assertEquals(List.of("P-1.iso"), names(out));
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(iso)), "--overwrite did not write a new backup");
        Path target = dir("target");
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog()));
        CliSupport.assertSameTree(src, under(target, src));
    }

    // ------------------------------------------------------------------ permissions, leftovers

    @Test
    void imagesAndLogsArePrivateAndNothingPartialRemains() throws Exception {
        CliSupport.makeTree(src, 3 * MIB, 2);
        Path out = dir("out");
        Path log = logs.resolve("archive.log");
        Files.writeString(log, "an older run\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        backup(out, "P");

        List<Path> vols = CliSupport.volumes(out, "P");
        assertFalse(vols.isEmpty());
        for (Path v : vols) assertEquals(0600, mode(v), v + " is not 0600");
        assertEquals(List.of(), CliSupport.partials(out), "unfinished volumes left in -d");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(vols.size(), s.count(), "-d holds more than the volumes: " + names(out));
        }
        assertEquals(0600, mode(log), "the log is not 0600");
        assertTrue(Files.readString(log).startsWith("an older run\n"), "the log is appended to");
        assertTrue(Files.readString(log).contains("mondoarchive started"), "nothing logged");
        assertFalse(Files.exists(logs.resolve("archive.log.lck")), "log lock file left behind");
        assertEquals(List.of(), names(scratch), "-T holds leftovers");

        Path target = dir("target");
        Path rlog = Path.of(restoreLog());
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", rlog.toString()));
        assertEquals(0600, mode(rlog), "the restore log is not 0600");
    }

    // ------------------------------------------------------------------ several volumes

    @Test
    void multiVolumeBackupRestoresByteIdentical() throws Exception {
        CliSupport.makeTree(src, 9 * MIB, 3);
        Path out = dir("out");
        backup(out, "multi");
        List<Path> vols = CliSupport.volumes(out, "multi");
        assertTrue(vols.size() >= 2, "expected at least 2 volumes, got " + names(out));
        for (Path v : vols) {
            assertTrue(Files.size(v) <= 8 * MIB, v + " is over -s 8m: " + Files.size(v));
            assertEquals(0600, mode(v));
        }
        assertEquals(List.of(), CliSupport.partials(out));

        Path target = dir("target");
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "multi", "--restore-to", target.toString(),
                "--log", restoreLog()));
        CliSupport.assertSameTree(src, under(target, src));
        Process diff = new ProcessBuilder("diff", "-r", "--no-dereference", src.toString(), under(target, src).toString())
                .redirectErrorStream(true).start();
        String diffOut = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, diff.waitFor(), "diff -r: " + diffOut);
    }

    @Test
    void missingOrForeignVolumeIsRefusedWithOneLine() throws Exception {
        CliSupport.makeTree(src, 9 * MIB, 4);
        Path out = dir("out");
        Path other = dir("other");
        backup(out, "P");
        backup(other, "P");
        assertTrue(CliSupport.volumes(out, "P").size() >= 2);
        assertTrue(CliSupport.volumes(other, "P").size() >= 2);
        Path target = dir("target");

        Files.delete(out.resolve("P-2.iso"));
        CliSupport.Result r = CliSupport.restore(logs, "-i", "-d", out.toString(), "-p", "P", "--restore-to",
                target.toString(), "--log", restoreLog());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), "one line expected: " + r);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("mondorestore: ") && line.contains("P-2.iso") && line.contains("missing"),
                "the line should name the missing P-2.iso: " + line);
        assertEquals(List.of(), names(target), "a refused restore wrote files");

        Files.copy(other.resolve("P-2.iso"), out.resolve("P-2.iso"));
        r = CliSupport.restore(logs, "-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), "one line expected: " + r);
        assertTrue(r.errLines().get(0).startsWith("mondorestore: ") && r.errLines().get(0).contains("another backup"),
                "expected 'another backup': " + r);
        assertEquals(List.of(), names(target), "a refused restore wrote files");

        // The same for compare and --list: they read the same volumes.
        r = CliSupport.restore(logs, "-Z", "compare", "-i", "-d", out.toString(), "-p", "P", "--changed-files",
                logs.resolve("cf").toString(), "--log", restoreLog());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("another backup"), r.toString());
    }

    /**
     * Volume 1 of another backup copied in as PREFIX-2.iso: the reader must say the file does not
     * belong there, not that PREFIX-2.iso is missing (it is right there).
     */
    @Test
    void foreignFirstVolumeUnderTheNameOfTheSecondIsNamedAsSuch() throws Exception {
        CliSupport.makeTree(src, 9 * MIB, 5);
        Path out = dir("out");
        Path other = dir("other");
        backup(out, "P");
        assertTrue(CliSupport.volumes(out, "P").size() >= 2);
        backup(other, "P", "-E", src.resolve("data").toString());
        Files.copy(other.resolve("P-1.iso"), out.resolve("P-2.iso"), StandardCopyOption.REPLACE_EXISTING);

        Path target = dir("target");
        CliSupport.Result r = CliSupport.restore(logs, "-i", "-d", out.toString(), "-p", "P", "--restore-to",
                target.toString(), "--log", restoreLog());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), "one line expected: " + r);
        String line = r.errLines().get(0);
        assertTrue(line.contains("P-2.iso"), line);
        assertFalse(line.contains("P-2.iso is missing"), "P-2.iso exists; the message is misleading: " + line);
        assertTrue(line.contains("another backup") || line.contains("volume 1"),
                "the message should say P-2.iso is another backup's volume 1: " + line);
    }

    // ------------------------------------------------------------------ -A / -B

    @Test
    void beforeAndAfterHooksRunOncePerVolumeWithTokensReplaced() throws Exception {
        CliSupport.makeTree(src, 9 * MIB, 6);
        Path out = dir("out");
        Path f = tmp.resolve("hooks.txt");
        backup(out, "H", "-B", "echo before _CD#_ _ISO_ >> " + f, "-A", "echo after _CD#_ _ISO_ >> " + f);
        List<Path> vols = CliSupport.volumes(out, "H");
        assertTrue(vols.size() >= 2, names(out).toString());
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= vols.size(); n++) {
            expected.add("before " + n + " " + out.resolve("H-" + n + ".iso"));
            expected.add("after " + n + " " + out.resolve("H-" + n + ".iso"));
        }
        assertEquals(expected, Files.readAllLines(f));
    }

    @Test
    void failingBeforeHookAbortsWithOneLineAndNoVolume() throws Exception {
        CliSupport.makeTree(src, 9 * MIB, 7);
        Path out = dir("out");
        CliSupport.Result r = CliSupport.archive(logs, args("-OiW", common(out, "P"), "-B", "false"));
        assertNotEquals(0, r.exit(), r.toString());
        List<String> own = r.errLinesOf("mondoarchive");
        assertEquals(1, own.size(), "one 'mondoarchive: ' line expected: " + r);
        assertTrue(own.get(0).contains("-B") && own.get(0).contains("volume 1"), own.get(0));
        assertFalse(r.err().contains("Exception") || r.err().contains("at org."), r.toString());
        assertEquals(List.of(), names(out), "a volume (or a .partial) was left behind");
        assertEquals(List.of(), names(scratch), "-T holds leftovers");

        // Failing on the second volume: the first is complete, the second must not look complete.
        Path out2 = dir("out2");
        r = CliSupport.archive(logs, args("-OiW", common(out2, "P"), "-B", "test _CD#_ = 1"));
        assertNotEquals(0, r.exit(), r.toString());
        own = r.errLinesOf("mondoarchive");
        assertEquals(1, own.size(), "one 'mondoarchive: ' line expected: " + r);
        assertTrue(own.get(0).contains("-B") && own.get(0).contains("volume 2"), own.get(0));
        assertFalse(Files.exists(out2.resolve("P-2.iso")), "volume 2 exists although its -B hook failed");
        assertEquals(List.of(), CliSupport.partials(out2));
        assertEquals(List.of(), names(scratch), "-T holds leftovers");
    }

    // ------------------------------------------------------------------ MondoRescue digit options

    private void digitTree() throws IOException {
        Files.createDirectories(src.resolve("t"));
        for (int i = 0; i < 20; i++) Files.write(src.resolve("t/f" + i + ".txt"), CliSupport.text(100 + i, "f" + i));
        Files.write(src.resolve("t/big.txt"), CliSupport.text(40_000, "big")); // ~2 MB: sliced
        assertTrue(Files.size(src.resolve("t/big.txt")) > 1 * MIB);
    }

    private static List<String> archiveNames(Path out, String prefix) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path v : CliSupport.volumes(out, prefix)) {
            try (IsoImage img = IsoImage.open(v)) {
                for (IsoFile f : img.list("/archives")) all.add(f.name());
            }
        }
        return all;
    }

    @Test
    void digitClusterSetsTheLevel() throws Exception {
        digitTree();
        Path out = dir("out");
        assertEquals(0, archiveInProcess(args("-OiW1", common(out, "P"))));
        try (Backup b = Backup.open(out, "P")) {
            assertEquals("zstd", b.config().get("codec").orElseThrow());
            assertEquals("1", b.config().get("compression-level").orElseThrow());
            assertTrue(b.catalog().stream().anyMatch(e -> e.codec.equals("zst")), "nothing compressed");
        }
        assertTrue(archiveNames(out, "P").stream().anyMatch(n -> n.endsWith(".zst")), archiveNames(out, "P").toString());
    }

    @Test
    void digitZeroMeansNoCompression() throws Exception {
        digitTree();
        Path out = dir("out");
        assertEquals(0, archiveInProcess(args("-O", "-i", "-W", "-0", common(out, "P"))));
        try (Backup b = Backup.open(out, "P")) {
            assertEquals("none", b.config().get("codec").orElseThrow());
            for (Entry e : b.catalog()) assertEquals("", e.codec, e + " is stored with codec " + e.codec);
        }
        assertTrue(archiveNames(out, "P").stream().noneMatch(n -> n.endsWith(".zst")), archiveNames(out, "P").toString());
        Path target = dir("target");
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog()));
        CliSupport.assertSameTree(src, under(target, src));
    }

    @Test
    void backupVerifyClusterWithLevel() throws Exception {
        digitTree();
        Path out = dir("out");
        CliSupport.Result r = CliSupport.archive(logs, args("-OVWi9", common(out, "P")));
        assertEquals(0, r.exit(), r.toString());
        try (Backup b = Backup.open(out, "P")) {
            assertEquals("9", b.config().get("compression-level").orElseThrow());
        }
        assertTrue(r.out().contains("no differences"), r.toString());
        assertEquals("", Files.readString(logs.resolve("mondo/changed.files")));
    }

    // ------------------------------------------------------------------ -E

    @Test
    void excludedDirectoryIsKeptEmptyAndExcludedFileIsAbsent() throws Exception {
        CliSupport.makeTree(src, 1 * MIB, 8);
        Files.setPosixFilePermissions(src.resolve("data"), PosixFilePermissions.fromString("rwx--x---"));
        Files.setLastModifiedTime(src.resolve("data"), FileTime.fromMillis(1_500_000_000_000L));
        Path out = dir("out");
        // data: a directory; etc/hosts: a file with a second hard link (which stays); docs/ with a slash.
        backup(out, "P", "-E", src.resolve("data") + " " + src.resolve("etc/hosts"),
                "-E", src.resolve("home/user/docs") + "/");
        Path target = dir("target");
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog()));
        Path r = under(target, src);
        assertTrue(Files.isDirectory(r.resolve("data")), "excluded directory not kept");
        assertEquals(List.of(), names(r.resolve("data")), "excluded directory not empty");
        assertEquals(0710, mode(r.resolve("data")), "excluded directory lost its mode");
        assertTrue(Files.isDirectory(r.resolve("home/user/docs")));
        assertEquals(List.of(), names(r.resolve("home/user/docs")));
        assertFalse(Files.exists(r.resolve("etc/hosts"), LinkOption.NOFOLLOW_LINKS), "excluded file restored");
        assertArrayEquals(Files.readAllBytes(src.resolve("etc/hosts")), Files.readAllBytes(r.resolve("etc/hosts.hardlink")),
                "the other name of the excluded hard-linked file lost its content");
        assertArrayEquals(Files.readAllBytes(src.resolve("etc/conf.d/app.conf")),
                Files.readAllBytes(r.resolve("etc/conf.d/app.conf")));
        try (Backup b = Backup.open(out, "P")) {
            for (Entry e : b.catalog()) {
                String p = e.toString();
                assertFalse(p.startsWith(src.resolve("data") + "/"), "excluded content cataloged: " + p);
                assertFalse(p.equals(src.resolve("etc/hosts").toString()), "excluded file cataloged");
            }
        }
    }

    // ------------------------------------------------------------------ verify and compare

    @Test
    void verifyIsCleanThenCompareListsExactlyTheChangedPaths() throws Exception {
        CliSupport.makeTree(src, 1 * MIB, 9);
        Path out = dir("out");
        backup(out, "P");
        CliSupport.Result v = CliSupport.archive(logs, "-Vi", "-d", out.toString(), "-p", "P", "-T", scratch.toString(),
                "--log", logs.resolve("verify.log").toString());
        assertEquals(0, v.exit(), v.toString());
        assertEquals("", Files.readString(logs.resolve("mondo/changed.files")), "verify found differences");

        Path content = src.resolve("etc/conf.d/app.conf");
        byte[] b = Files.readAllBytes(content);
        b[10] ^= 1; // same size, different content
        Files.write(content, b);
        Path moded = src.resolve("home/user/with space.txt");
        Files.setPosixFilePermissions(moded, PosixFilePermissions.fromString("rw-------"));

        Path cf = tmp.resolve("changed.txt");
        int rc = restoreInProcess("-Z", "compare", "-i", "-d", out.toString(), "-p", "P", "--changed-files", cf.toString(),
                "--log", restoreLog());
        assertEquals(1, rc);
        Map<String, String> under = new TreeMap<>();
        for (String l : Files.readAllLines(cf)) {
            String[] parts = l.split("\t", 2);
            if (parts[0].startsWith(src + "/") || parts[0].equals(src.toString())) under.put(parts[0], parts[1]);
        }
        assertEquals(new TreeSet<>(List.of(content.toString(), moded.toString())), under.keySet(), "changed.files: " + under);
        assertTrue(under.get(content.toString()).contains("content"), under.toString());
        assertTrue(under.get(moded.toString()).contains("mode"), under.toString());
        assertFalse(under.get(moded.toString()).contains("content"), under.toString());

        // The same by a separate process with the default changed.files under $MONDO_LOG_DIR.
        CliSupport.Result c = CliSupport.restore(logs, "-Z", "compare", "-i", "-d", out.toString(), "-p", "P",
                "--log", restoreLog());
        assertEquals(1, c.exit(), c.toString());
        assertEquals(Files.readAllLines(cf), Files.readAllLines(logs.resolve("mondo/changed.files")));
        assertEquals(0600, mode(logs.resolve("mondo/changed.files")));
    }

    // ------------------------------------------------------------------ selective restore

    @Test
    void selectiveRestoreBringsTheSubtreeAndItsParentsOnly() throws Exception {
        CliSupport.makeTree(src, 1 * MIB, 10);
        Path out = dir("out");
        backup(out, "P");
        Path target = dir("target");
        Path sub = src.resolve("home/user");
        assertEquals(0, restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog(), sub.toString()));

        List<String> expected = new ArrayList<>();
        expected.add("");
        Path rel = Path.of(sub.toString().substring(1));
        for (int i = 1; i <= rel.getNameCount(); i++) expected.add(rel.subpath(0, i).toString());
        for (String r : CliSupport.relativePaths(sub)) if (!r.isEmpty()) expected.add(rel.resolve(r).toString());
        assertEquals(expected.stream().sorted().toList(), CliSupport.relativePaths(target));

        CliSupport.assertSameTree(sub, under(target, sub));
        // Parent directories: their metadata comes from the backup.
        Path home = under(target, src.resolve("home"));
        assertEquals(Files.getLastModifiedTime(src.resolve("home")), Files.getLastModifiedTime(home));
        assertEquals(mode(src.resolve("home")), mode(home));
        assertEquals(mode(tmp), mode(under(target, tmp)));
        assertEquals(mode(Path.of("/tmp")), mode(target.resolve("tmp")), "/tmp's mode (sticky bit) not restored");
    }

    @Test
    void selectiveRestoreOfAHardLinkWithoutItsFirstName() throws Exception {
        CliSupport.makeTree(src, 0, 11);
        Path out = dir("out");
        backup(out, "P");
        Path target = dir("target");
        Path second = src.resolve("etc/hosts.hardlink");
        int rc = restoreInProcess("-i", "-d", out.toString(), "-p", "P", "--restore-to", target.toString(),
                "--log", restoreLog(), second.toString());
        assertEquals(0, rc);
        assertArrayEquals(Files.readAllBytes(second), Files.readAllBytes(under(target, second)));
    }

    // ------------------------------------------------------------------ --list

    @Test
    void listLooksLikeTarTv() throws Exception {
        CliSupport.makeTree(src, 2 * MIB, 12);
        Path out = dir("out");
        backup(out, "P");
        CliSupport.Result r = CliSupport.restore(logs, "--list", "-i", "-d", out.toString(), "-p", "P");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        java.util.regex.Pattern tarTv = java.util.regex.Pattern.compile(
                "[-dlcbpsh][-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT] \\S+/\\S+ +\\d+(,\\d+)? \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d /.*");
        for (String l : lines) assertTrue(tarTv.matcher(l).matches(), "not like tar -tv: '" + l + "'");

        Map<String, String> byPath = new TreeMap<>();
        for (String l : lines) {
            String p = l.substring(l.indexOf(" /") + 1);
            p = p.replaceFirst(" (->|link to) .*$", "");
            byPath.put(p, l);
        }
        // Everything under src is listed, plus its ancestors.
        TreeSet<String> expected = new TreeSet<>();
        for (String rel : CliSupport.relativePaths(src)) expected.add(rel.isEmpty() ? src.toString() : src + "/" + rel);
        for (Path p = src.getParent(); p != null; p = p.getParent()) expected.add(p.toString());
        assertEquals(expected, byPath.keySet());

        Path notes = src.resolve("home/user/docs/notes.txt");
        assertEquals(String.format("-rw-r----- %s %8d %s %s", owner(notes), Files.size(notes), time(notes), notes),
                byPath.get(notes.toString()));
        Path spaced = src.resolve("home/user/with space.txt");
        assertEquals(String.format("-rw-r--r-- %s %8d %s %s", owner(spaced), Files.size(spaced), time(spaced), spaced),
                byPath.get(spaced.toString()));
        Path user = src.resolve("home/user");
        assertEquals(String.format("drwx------ %s %8d %s %s", owner(user), 0, time(user), user), byPath.get(user.toString()));
        Path link = src.resolve("etc/link-to-hosts");
        assertEquals(String.format("lrwxrwxrwx %s %8d %s %s -> hosts", owner(link), 0, time(link), link),
                byPath.get(link.toString()));
        assertTrue(byPath.get(src.resolve("dangling").toString()).endsWith(" -> /nonexistent/target"));
        String hard = byPath.get(src.resolve("etc/hosts.hardlink").toString());
        String leader = byPath.get(src.resolve("etc/hosts").toString());
        // One of the two names carries the data, the other is listed as a link to it.
        assertTrue(hard.startsWith("h") ^ leader.startsWith("h"), hard + "\n" + leader);
        assertTrue(hard.contains(" link to ") || leader.contains(" link to "), hard + "\n" + leader);

        // With a PATH: that subtree and its ancestors.
        CliSupport.Result sub = CliSupport.restore(logs, "--list", "-i", "-d", out.toString(), "-p", "P",
                src.resolve("etc").toString());
        assertEquals(0, sub.exit(), sub.toString());
        for (String l : sub.out().lines().toList()) {
            String p = l.substring(l.indexOf(" /") + 1).replaceFirst(" (->|link to) .*$", "");
            assertTrue(p.startsWith(src + "/etc") || src.startsWith(Path.of(p)), "listed outside etc: " + l);
        }
        assertTrue(sub.out().contains(src.resolve("etc/conf.d/app.conf").toString()));
    }

    private static String owner(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.owner().getName() + "/" + a.group().getName();
    }

    private static String time(Path p) throws IOException {
        Instant t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(t);
    }
}
