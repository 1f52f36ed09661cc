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

    @Test
    void theNextPathOpensOnlyTheDirectoriesItDoesNotShareWithTheLast() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target"));
        int rootFd = TargetTree.openRoot(PathBytes.of(target.toString()));
        long before = openDescriptors();
        try (TargetTree tree = new TargetTree(rootFd)) {
            TargetTree.Leaf f1 = tree.leaf(PathBytes.of("/a/b/c/f1"));
            assertEquals(before + 3, openDescriptors(), "a, a/b and a/b/c are held open");
            assertTrue(Files.isDirectory(target.resolve("a/b/c")));
            TargetTree.Leaf f2 = tree.leaf(PathBytes.of("/a/b/c/f2"));
            assertEquals(f1.dirFd(), f2.dirFd(), "the same parent is not opened again");
            TargetTree.Leaf f3 = tree.leaf(PathBytes.of("/a/b/d/f3"));
            assertEquals(before + 3, openDescriptors(), "a/b/c closed, a/b/d opened");
            assertTrue(Files.isDirectory(target.resolve("a/b/d")));
            TargetTree.Leaf top = tree.leaf(PathBytes.of("/g"));
            assertEquals(rootFd, top.dirFd());
            assertEquals(before, openDescriptors(), "a path at the root needs no directory open");
            tree.leaf(PathBytes.of("/a/b/d/e/f"));
            assertEquals("f3", new String(f3.name()));
        } finally {
            assertEquals(before, openDescriptors(), "close() leaves nothing open");
            org.mondo.nativeio.Libc.close(rootFd);
        }
    }

    private static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count() - 1; // the listing's own descriptor
        }
    }
}
