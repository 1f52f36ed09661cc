package org.mondo.restore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong command lines: each must end with a non-zero exit and exactly one line on stderr,
 * "mondoarchive: ..." or "mondorestore: ...", and no stack trace. Run as separate processes
 * because stderr is checked line by line.
 *
 * Every mondoarchive case names a small -I tree and a private -T, so that a check that is
 * missing cannot turn the test into a backup of the whole system.
 */
class CliErrorsTest {
    @TempDir
    Path tmp;

    Path logs;

    @BeforeEach
    void setUp() throws IOException {
        logs = Files.createDirectories(tmp.resolve("logs"));
        Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(tmp.resolve("scratch"));
        Files.createDirectories(tmp.resolve("empty"));
        Files.createDirectories(tmp.resolve("src/a"));
        Files.writeString(tmp.resolve("src/a/f"), "hello\n");
        Files.writeString(tmp.resolve("list"), tmp.resolve("src/a/f") + "\n");
    }

    static Stream<Arguments> errors() {
        String safe = "-T {TMP}/scratch";
        return Stream.of(
                // name, program, arguments, what the one line must contain
                Arguments.of("unknown option", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/src --bogus", "--bogus"),
                Arguments.of("no -O/-V", "mondoarchive", "-i -d {TMP}/out -I {TMP}/src " + safe, "-O"),
                Arguments.of("no medium", "mondoarchive", "-O -d {TMP}/out -I {TMP}/src " + safe, "medium"),
                Arguments.of("two media", "mondoarchive", "-O -i -t -d {TMP}/out -I {TMP}/src " + safe, "one backup medium"),
                Arguments.of("-t alone", "mondoarchive", "-O -t -d {TMP}/out -I {TMP}/src " + safe, "not supported yet"),
                Arguments.of("-i without -d", "mondoarchive", "-Oi -I {TMP}/src " + safe, "-d"),
                Arguments.of("-d missing dir", "mondoarchive", "-Oi -d {TMP}/nope -I {TMP}/src " + safe, "{TMP}/nope"),
                Arguments.of("-s 12x", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/src -s 12x " + safe, "12x"),
                Arguments.of("-s 1k", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/src -s 1k " + safe, "too small"),
                Arguments.of("-I missing", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/nothing-here " + safe, "{TMP}/nothing-here"),
                Arguments.of("-J with -I", "mondoarchive", "-Oi -d {TMP}/out -J {TMP}/list -I {TMP}/src " + safe, "-J"),
                Arguments.of("two codecs", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/src -G -Y " + safe, "compressor"),
                Arguments.of("level 42", "mondoarchive", "-Oi -d {TMP}/out -I {TMP}/src --level 42 " + safe, "42"),
                Arguments.of("restore without action", "mondorestore", "-i -d {TMP}/out", "say what to do"),
                Arguments.of("restore -Z nuke", "mondorestore", "-Z nuke -i -d {TMP}/out", "nuke"),
                Arguments.of("restore unknown option", "mondorestore", "--bogus -Z compare -i -d {TMP}/out", "--bogus"),
                Arguments.of("restore-to, empty -d", "mondorestore", "-i -d {TMP}/empty --restore-to {TMP}/out", "no backup"),
                Arguments.of("compare, empty -d", "mondorestore",
                        "-Z compare -i -d {TMP}/empty --changed-files {TMP}/logs/cf", "no backup"),
                Arguments.of("list, empty -d", "mondorestore", "--list -i -d {TMP}/empty", "no backup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void oneLineAndNonZeroExit(String name, String program, String args, String mustContain) throws Exception {
        List<String> argv = new ArrayList<>();
        for (String a : args.split(" ")) argv.add(a.replace("{TMP}", tmp.toString()));
        argv.add("--log");
        argv.add(logs.resolve(program + ".log").toString());
        CliSupport.Result r = CliSupport.run(program.equals("mondoarchive") ? CliSupport.ARCHIVE : CliSupport.RESTORE,
                logs, argv.toArray(String[]::new));

        assertNotEquals(0, r.exit(), name + ": " + r);
        List<String> own = r.errLinesOf(program);
        assertEquals(1, own.size(), name + ": one '" + program + ": ' line expected: " + r);
        String line = own.get(0);
        assertTrue(line.contains(mustContain.replace("{TMP}", tmp.toString())),
                name + ": the line should mention '" + mustContain + "': " + line);
        assertFalse(line.contains("internal error"), name + ": " + line);
        // Then: nothing else on stderr (no logger output, no stack trace).
        assertEquals(List.of(line), r.errLines(), name + ": exactly one line on stderr expected: " + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("at org.") || r.err().contains("\tat "),
                name + ": stack trace text on stderr: " + r);
        // Nothing was backed up by mistake.
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of(), s.toList(), name + ": something was written to -d");
        }
    }

    static Stream<Arguments> infoOptions() {
        return Stream.of(Arguments.of("mondoarchive", "--help"), Arguments.of("mondoarchive", "--version"),
                Arguments.of("mondorestore", "--help"), Arguments.of("mondorestore", "--version"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("infoOptions")
    void helpAndVersionExitZero(String program, String option) throws Exception {
        CliSupport.Result r = CliSupport.run(program.equals("mondoarchive") ? CliSupport.ARCHIVE : CliSupport.RESTORE,
                logs, option);
        assertEquals(0, r.exit(), program + " " + option + ": " + r);
        assertFalse(r.out().isBlank(), program + " " + option + " printed nothing: " + r);
        assertEquals("", r.err(), program + " " + option + ": " + r);
        if (option.equals("--help")) {
            assertTrue(r.out().contains("Usage: " + program), r.out());
        } else {
            assertTrue(r.out().matches("(?s).*\\d+\\.\\d+.*"), "no version number: " + r.out());
        }
    }
}
