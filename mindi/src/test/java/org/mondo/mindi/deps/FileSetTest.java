package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSetTest {
    @TempDir
    Path tmp;

    @Test
    void keepsEverySymlinkOnTheWayAndTheFile() throws IOException {
        // t/lib -> usr/lib (directory link), usr/lib/libz.so.1 -> libz.so.1.2 (file link), t/abs -> absolute link
        Path t = tmp.toRealPath();
        Files.createDirectories(t.resolve("usr/lib"));
        Path real = Files.writeString(t.resolve("usr/lib/libz.so.1.2"), "z");
        Files.createSymbolicLink(t.resolve("usr/lib/libz.so.1"), Path.of("libz.so.1.2"));
        Files.createSymbolicLink(t.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(t.resolve("abs"), t.resolve("lib/libz.so.1"));

        FileSet s = new FileSet();
        assertEquals(real, s.add(t.resolve("abs")));
        assertEquals(List.of(
                new FileSet.Entry(t.resolve("abs"), FileSet.Kind.SYMLINK, t.resolve("lib/libz.so.1").toString()),
                new FileSet.Entry(t.resolve("lib"), FileSet.Kind.SYMLINK, "usr/lib"),
                new FileSet.Entry(t.resolve("usr/lib/libz.so.1"), FileSet.Kind.SYMLINK, "libz.so.1.2"),
                new FileSet.Entry(real, FileSet.Kind.FILE, null)), s.entries());
        assertEquals(List.of(real), s.files());
        // Adding again, or by another name, adds nothing twice.
        s.add(t.resolve("lib/libz.so.1.2"));
        assertEquals(4, s.size());
        assertEquals(real, FileSet.realPath(t.resolve("lib/../lib/./libz.so.1")));
    }

    @Test
    void dotDotAfterASymlinkIsResolvedFromItsTarget() throws IOException {
        Path t = tmp.toRealPath();
        Files.createDirectories(t.resolve("a/b"));
        Files.createDirectories(t.resolve("x"));
        Files.writeString(t.resolve("a/f"), "f");
        Files.createSymbolicLink(t.resolve("x/l"), t.resolve("a/b"));
        // x/l/../f is a/f (the kernel's view), not x/f (the lexical one).
        assertEquals(t.resolve("a/f"), FileSet.realPath(t.resolve("x/l/../f")));
    }

    @Test
    void addTreeTakesADirectoryWhole() throws IOException {
        Path t = tmp.toRealPath();
        Files.createDirectories(t.resolve("d/sub"));
        Files.writeString(t.resolve("d/sub/one"), "1");
        Files.writeString(t.resolve("outside"), "o");
        Files.createSymbolicLink(t.resolve("d/link"), Path.of("../outside"));
        FileSet s = new FileSet();
        s.addTree(t.resolve("d"));
        assertEquals(List.of(t.resolve("d"), t.resolve("d/link"), t.resolve("outside"), t.resolve("d/sub"),
                t.resolve("d/sub/one")), s.paths());
        assertEquals(FileSet.Kind.DIRECTORY, s.entries().getFirst().kind());
    }

    @Test
    void missingFilesAndLoopsAreErrors() throws IOException {
        Path t = tmp.toRealPath();
        Files.createSymbolicLink(t.resolve("dangling"), Path.of("nothing"));
        Files.createSymbolicLink(t.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(t.resolve("loop2"), Path.of("loop1"));
        Files.writeString(t.resolve("file"), "");
        FileSet s = new FileSet();
        NoSuchFileException x = assertThrows(NoSuchFileException.class, () -> s.add(t.resolve("dangling")));
        assertTrue(x.getMessage().contains("nothing"), x.getMessage());
        assertThrows(FileSystemException.class, () -> s.add(t.resolve("loop1")));
        assertThrows(NoSuchFileException.class, () -> s.add(t.resolve("file/below")));
    }

    @Test
    void mergedUsrHost() throws IOException {
        Path bash = Path.of("/bin/bash");
        if (!Files.isSymbolicLink(Path.of("/bin"))) return; // not a merged-/usr host
        FileSet s = new FileSet();
        assertEquals(bash.toRealPath(), s.add(bash));
        assertEquals(FileSet.Kind.SYMLINK, s.entries().getFirst().kind());
        assertEquals(Path.of("/bin"), s.entries().getFirst().path());
    }
}
