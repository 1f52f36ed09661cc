package org.mondo.mindi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mindi's command line around the rescue disc (mindi with no mode option): what it refuses, with one line on
 * stderr and the exit status, before it builds anything. Each case runs mindi as its own process on the test
 * class path. The rescue disc itself is built and booted by restore's RescueDiscTest (tag vm).
 */
class MindiCliTest {
    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    private Result mindi(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Mindi.class.getName()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mindi timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void oneLine(Result r, int exit, String contains) {
        assertEquals(exit, r.exit(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r);
        assertTrue(lines.getFirst().startsWith("mindi: ") && lines.getFirst().contains(contains), r.toString());
        assertFalse(r.err().contains("\tat "), "stack trace: " + r);
    }

    @Test
    void anExistingRescueDiscIsNeverOverwritten() throws Exception {
        Path iso = Files.writeString(tmp.resolve("mondorescue.iso"), "an older disc\n");
        Result r = mindi("--output", iso.toString(), "--log", tmp.resolve("mindi.log").toString());
        oneLine(r, 1, iso + " exists");
        assertEquals("an older disc\n", Files.readString(iso));
        assertFalse(Files.exists(tmp.resolve("mondorescue.iso.partial")));
    }

    @Test
    void aMissingKernelImageIsSaid() throws Exception {
        Path iso = tmp.resolve("out/rescue.iso");
        Result r = mindi("--output", iso.toString(), "-k", tmp.resolve("no-such-vmlinuz").toString(),
                "--log", tmp.resolve("mindi.log").toString());
        oneLine(r, 1, "no-such-vmlinuz: no such file");
        assertFalse(Files.exists(iso));
        assertFalse(Files.exists(tmp.resolve("out/rescue.iso.partial")));
    }

    @Test
    void optionsOfVolumeOneAreRefusedForTheRescueDisc() throws Exception {
        oneLine(mindi("--output", tmp.resolve("r.iso").toString(), "--config", tmp.resolve("cfg").toString()), 2,
                "--config goes with --boot-files only");
        oneLine(mindi("--output", tmp.resolve("r.iso").toString(), "--nuke-by-default"), 2,
                "--nuke-by-default goes with --boot-files only");
        oneLine(mindi("--boot-files", tmp.toString(), "--output", tmp.resolve("r.iso").toString()), 2,
                "--output goes with the rescue disc");
        assertFalse(Files.exists(tmp.resolve("r.iso")));
    }

    @Test
    void helpNamesTheRescueDiscAndItsDefaultPath() throws Exception {
        Result r = mindi("--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--output") && r.out().contains(Mindi.DEFAULT_RESCUE_ISO), r.out());
    }

    @Test
    void anUnknownOptionIsOneLine() throws Exception {
        oneLine(mindi("--rescue-isoo"), 2, "--rescue-isoo");
    }
}
