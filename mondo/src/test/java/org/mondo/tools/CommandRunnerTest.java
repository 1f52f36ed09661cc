package org.mondo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void runCapturesMergedOutputAndExitCode() throws Exception {
        CommandResult r = CommandRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals("out\nerr\n", r.output());
        assertFalse(r.elapsed().isNegative());
    }

    @Test
    void checkThrowsOneLineMessageWithLastOutputLine() {
        ToolException e = assertThrows(ToolException.class,
                () -> CommandRunner.check(List.of("sh", "-c", "echo first; echo 'the reason' >&2; echo; exit 5")));
        assertEquals("sh failed (exit 5): the reason", e.getMessage());
        assertEquals(5, e.result().orElseThrow().exitCode());

        ToolException silent = assertThrows(ToolException.class, () -> CommandRunner.check(List.of("false")));
        assertEquals("false failed (exit 1), no output", silent.getMessage());
    }

    @Test
    void checkReturnsResultOnSuccess() throws Exception {
        assertEquals("hi\n", CommandRunner.check(List.of("echo", "hi")).output());
    }

    @Test
    void missingProgramsAreReportedBeforeRunning() {
        ToolException known = assertThrows(ToolException.class,
                () -> CommandRunner.run(List.of("/nonexistent/dir/xorriso", "-version")));
        assertEquals("xorriso not found: install the Debian package xorriso", known.getMessage());
        assertTrue(known.result().isEmpty());

        ToolException unknown = assertThrows(ToolException.class,
                () -> CommandRunner.run(List.of("mondo-no-such-program-xyz")));
        assertEquals("mondo-no-such-program-xyz not found on PATH", unknown.getMessage());
    }

    @Test
    void requirePresentPassesForInstalledTools() throws Exception {
        Tool.requirePresent(Tool.SH, Tool.XORRISO, Tool.CPIO);
        assertEquals(Tool.GETFACL, Tool.forProgram("getfacl").orElseThrow());
        assertEquals("attr", Tool.SETFATTR.debianPackage());
    }

    @Test
    void workDirStdinAndEnvironmentArePassed() throws Exception {
        Path in = Files.writeString(tmp.resolve("in.txt"), "from stdin\n");
        assertEquals(tmp.toRealPath() + "\n", CommandRunner.check(List.of("pwd"), tmp, null, null).output());
        assertEquals("from stdin\n", CommandRunner.check(List.of("cat"), null, in, null).output());
        assertEquals("v=42\n", CommandRunner.check(List.of("sh", "-c", "echo v=$MONDO_X"), null, null,
                Map.of("MONDO_X", "42")).output());
        // Without a stdin file the child reads /dev/null instead of hanging on ours.
        assertEquals("", CommandRunner.check(List.of("cat")).output());
    }

    @Test
    void runShellRunsThroughSh() throws Exception {
        CommandResult r = CommandRunner.runShell("for i in 1 2; do echo $i; done; exit 7");
        assertEquals(7, r.exitCode());
        assertEquals("1\n2\n", r.output());
        assertEquals("ab\n", CommandRunner.runShell("echo $A$B", Map.of("A", "a", "B", "b")).output());
    }

    @Test
    void outputKeptInMemoryIsBoundedToTheLastWholeLines() throws Exception {
        CommandResult r = CommandRunner.check(List.of("seq", "1", "200000"));
        assertTrue(r.output().length() <= CommandRunner.KEEP_BYTES);
        assertTrue(r.output().length() > CommandRunner.KEEP_BYTES - 10);
        assertTrue(r.output().endsWith("\n199999\n200000\n"));
        String first = r.output().substring(0, r.output().indexOf('\n'));
        assertEquals(Integer.parseInt(first) + 1,
                Integer.parseInt(r.output().substring(first.length() + 1, r.output().indexOf('\n', first.length() + 1))));
    }

    @Test
    void shellQuoteQuotesOnlyWhatNeedsIt() {
        assertEquals("xorriso -as mkisofs -V 'MY DISC' 'it'\\''s' '' a=b,c/d.e",
                CommandRunner.shellQuote(List.of("xorriso", "-as", "mkisofs", "-V", "MY DISC", "it's", "", "a=b,c/d.e")));
    }

    @Test
    void everyRunIsLogged() throws Exception {
        Logger log = Logger.getLogger("mondo.tools");
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getLevel() == Level.INFO) {
                    messages.add(r.getMessage());
                }
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(h);
        try {
            CommandRunner.run(List.of("sh", "-c", "echo 'hello log'; exit 2"));
        } finally {
            log.removeHandler(h);
        }
        assertEquals(List.of("run: sh -c 'echo '\\''hello log'\\''; exit 2'", "sh| hello log"),
                messages.subList(0, 2));
        assertTrue(messages.get(2).startsWith("sh: exit 2 after "), messages.get(2));
    }
}
