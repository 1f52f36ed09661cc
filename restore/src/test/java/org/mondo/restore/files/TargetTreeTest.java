package org.mondo.restore.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;
import org.mondo.nativeio.PathBytes;
import org.mondo.restore.cli.MondoRestore;

/** Whatever the archive or the target holds, a restore writes nothing outside the target. */
class TargetTreeTest {
    @TempDir
    Path tmp;

    @Test
    void dotAndDotDotComponentsAreRefused() {
        assertThrows(IOException.class, () -> TargetTree.components(PathBytes.of("/etc/../../x")));
        assertThrows(IOException.class, () -> TargetTree.components(PathBytes.of("/etc/./x")));
        assertEquals(2, assertDoesNotThrowSize("/etc//passwd"));
    }

    private static int assertDoesNotThrowSize(String p) {
        try {
            List<byte[]> c = TargetTree.components(PathBytes.of(p));
            return c.size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSymlinkInTheTargetIsNotFollowed() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/etc"));
        Files.writeString(src.resolve("x"), "secret");
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, MondoArchive.execute(new String[] {"-OiW", "-d", out.toString(), "-I", tmp.resolve("src").toString(),
                "-T", tmp.toString(), "--log", tmp.resolve("log").toString()}));

        // The target already has the backed-up "etc" as a symlink pointing outside it.
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path inTarget = target.resolve(tmp.resolve("src").toString().substring(1));
        Files.createDirectories(inTarget);
        Files.createSymbolicLink(inTarget.resolve("etc"), outside);

        int rc = MondoRestore.execute(new String[] {"-i", "-d", out.toString(), "--restore-to", target.toString(),
                "--log", tmp.resolve("rlog").toString()});
        assertNotEquals(0, rc, "the entries below the symlink cannot be restored: the exit status says so");
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count(), "something was written through the symlink, outside the target");
        }
        assertTrue(Files.isSymbolicLink(inTarget.resolve("etc")), "the symlink was not replaced silently");
        assertFalse(Files.exists(outside.resolve("x")));
    }
}
