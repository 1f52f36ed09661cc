package org.mondo.restore.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;
import org.mondo.restore.cli.MondoRestore;

/**
 * Back up a tree holding every entry type and property, restore it into a new root, and compare
 * everything: content, type, mode, owner, nanosecond times, hard links, symlinks, devices, fifos,
 * sockets, sparse files, xattrs, ACLs, SELinux labels, capabilities, odd and long names. Root only.
 */
@Tag("root")
class FidelityTest {
    @TempDir
    Path tmp;

    @Test
    void everythingComesBackAcrossSeveralVolumes() throws Exception {
        run(false, List.of("-s", "8m", "--set-size", "256k", "--slice-size", "1m"));
    }

    @Test
    void aSparseFileOver4GiBStaysSparse() throws Exception {
        run(true, List.of("-s", "64m", "--slice-size", "64m"));
    }

    private void run(boolean big, List<String> sizes) throws Exception {
        assumeTrue(Libc.geteuid() == 0, "needs root (mknod, chown, trusted.* xattrs)");
        Path src = tmp.resolve("src");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Path script = Path.of(getClass().getResource("/fidelity/make-tree.sh").toURI());
        Process p = new ProcessBuilder("bash", script.toString(), src.toString(), big ? "big" : "").inheritIO().start();
        assertEquals(0, p.waitFor(), "make-tree.sh failed");
        TreeSnapshot before = TreeSnapshot.of(PathBytes.of(src.toString()));

        List<String> args = new ArrayList<>(List.of("-OiW", "-d", out.toString(), "-I", src.toString(), "-T",
                tmp.toString(), "--log", tmp.resolve("archive.log").toString()));
        args.addAll(sizes);
        assertEquals(0, MondoArchive.execute(args.toArray(String[]::new)), "mondoarchive failed");
        if (!big) {
            assertTrue(Files.exists(out.resolve("mondorescue-2.iso")), "expected several volumes");
        }

        int rc = MondoRestore.execute(new String[] {"-i", "-d", out.toString(), "--restore-to", dst.toString(),
                "--log", tmp.resolve("restore.log").toString()});
        assertEquals(0, rc, "mondorestore failed");

        TreeSnapshot after = TreeSnapshot.of(PathBytes.of(dst.resolve(src.toString().substring(1)).toString()));
        List<String> diff = TreeSnapshot.diff(before, after);
        assertTrue(diff.isEmpty(), String.join("\n", diff));
        // Sparse files must not have grown on disk (allow a few blocks of slack for the file system).
        for (var e : before.blocks.entrySet()) {
            long was = e.getValue();
            long now = after.blocks.get(e.getKey());
            if (e.getKey().startsWith("./sparse")) {
                assertTrue(now <= was + 64, e.getKey() + ": " + was + " blocks before, " + now + " after");
            }
        }

        // And the compare engine, on the restored tree's original location, finds nothing.
        int cmp = MondoRestore.execute(new String[] {"-Z", "compare", "-i", "-d", out.toString(), "--changed-files",
                tmp.resolve("changed.files").toString(), "--log", tmp.resolve("compare.log").toString(), src.toString()});
        assertEquals(0, cmp, Files.exists(tmp.resolve("changed.files")) ? Files.readString(tmp.resolve("changed.files")) : "");
    }
}
