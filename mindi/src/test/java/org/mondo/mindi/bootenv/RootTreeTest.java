package org.mondo.mindi.bootenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot environment's tree keeps the host's symlinks and resolves its own top-level links. */
class RootTreeTest {
    @TempDir
    Path tmp;

    @Test
    void filesGoBehindTheTreesOwnTopLevelLinks() {
        RootTree t = new RootTree();
        t.dir("/usr/lib", 0755);
        t.link("/lib", "usr/lib");
        t.text("/lib/modules/6.1/modules.dep", "x\n", 0644);
        assertInstanceOf(RootTree.Bytes.class, t.nodeAt("/usr/lib/modules/6.1/modules.dep"));
        assertInstanceOf(RootTree.Link.class, t.nodeAt("/lib"));
        assertTrue(t.contains("/lib/modules/6.1/modules.dep"));
    }

    @Test
    void aHostFileBehindSymlinksBringsTheLinksAndTheTarget() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("usr/lib"));
        Files.writeString(real.resolve("libx.so.1.2"), "elf");
        Files.createSymbolicLink(real.resolve("libx.so.1"), Path.of("libx.so.1.2"));
        Files.createSymbolicLink(tmp.resolve("lib"), Path.of("usr/lib"));
        RootTree t = new RootTree();
        t.host(tmp.resolve("lib/libx.so.1"));
        String base = tmp.toString();
        assertEquals("usr/lib", ((RootTree.Link) t.nodeAt(base + "/lib")).target());
        assertEquals("libx.so.1.2", ((RootTree.Link) t.nodeAt(base + "/usr/lib/libx.so.1")).target());
        assertInstanceOf(RootTree.HostFile.class, t.nodeAt(base + "/usr/lib/libx.so.1.2"));
    }

    @Test
    void theCpioListsEveryNodeOnceAndGnuCpioExtractsIt() throws Exception {
        RootTree t = new RootTree();
        t.dir("/usr/bin", 0755);
        t.link("/bin", "usr/bin");
        t.text("/bin/hello", "#!/bin/sh\necho hi\n", 0755);
        t.text("/etc/mondo/backup-id", "abc\n", 0600);
        Path cpio = tmp.resolve("t.cpio");
        CpioTreeWriter.write(t, cpio, false);
        Path out = Files.createDirectories(tmp.resolve("x"));
        Process p = new ProcessBuilder("sh", "-c", "cpio -idm --quiet < " + cpio).directory(out.toFile())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertTrue(Files.isSymbolicLink(out.resolve("bin")));
        assertEquals("#!/bin/sh\necho hi\n", Files.readString(out.resolve("usr/bin/hello")));
        assertTrue(Files.isExecutable(out.resolve("usr/bin/hello")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("etc/mondo/backup-id"))));
        List<String> names = new ArrayList<>();
        for (RootTree.Node n : t.nodes()) names.add(n.path());
        assertEquals(names.stream().distinct().count(), names.size());
    }
}
