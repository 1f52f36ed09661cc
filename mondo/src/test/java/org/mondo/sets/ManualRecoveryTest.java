package org.mondo.sets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;

/**
 * A person with only xorriso, GNU cpio and the codec's tool gets every file back: the sets are
 * plain cpio, each member a standard zstd (or gzip) frame, big files are concatenated slices.
 */
class ManualRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void cpioAndZstdGiveBackTheOriginalFiles() throws Exception {
        recover("--zstd", "zst", List.of("zstd", "-d", "-q", "--rm"));
    }

    @Test
    void cpioAndGunzipGiveBackTheOriginalFiles() throws Exception {
        recover("-G", "gz", List.of("gzip", "-d"));
    }

    private void recover(String codecOption, String suffix, List<String> unpack) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(src.resolve("text.txt"), "line\n".repeat(5000));
        byte[] random = new byte[200_000];
        new Random(1).nextBytes(random);
        Files.write(src.resolve("random.bin"), random);
        Files.writeString(src.resolve("tiny"), "x");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400_000; i++) big.append(i).append('\n');
        Files.writeString(tmp.resolve("src/big.txt"), big); // ~2.6 MB: sliced at --slice-size 1m
        Path out = Files.createDirectories(tmp.resolve("out"));
        int rc = MondoArchive.execute(new String[] {"-OiW", codecOption, "-d", out.toString(), "-I",
                tmp.resolve("src").toString(), "--slice-size", "1m", "-T", tmp.toString(), "--log",
                tmp.resolve("log").toString()});
        assertEquals(0, rc);

        Path iso = tmp.resolve("iso");
        sh(tmp, "xorriso", "-osirrox", "on", "-indev", out.resolve("mondorescue-1.iso").toString(), "-extract", "/",
                iso.toString());
        Path restored = Files.createDirectories(tmp.resolve("restored"));
        sh(restored, "sh", "-c", "for s in " + iso + "/archives/set-*.cpio; do cpio -idm --quiet < $s || exit 1; done");
        Path tree = restored.resolve(tmp.resolve("src").toString().substring(1));
        assertTrue(Files.exists(tree.resolve("sub/text.txt." + suffix)), "text.txt is stored compressed");
        assertTrue(Files.exists(tree.resolve("sub/tiny")), "a tiny file is stored raw");
        List<String> cmd = new java.util.ArrayList<>(unpack);
        cmd.add("sub/text.txt." + suffix);
        sh(tree, cmd.toArray(String[]::new));
        assertEquals(Files.readString(src.resolve("text.txt")), Files.readString(tree.resolve("sub/text.txt")));
        Path rnd = tree.resolve("sub/random.bin");
        if (!Files.exists(rnd)) {
            List<String> c2 = new java.util.ArrayList<>(unpack);
            c2.add("sub/random.bin." + suffix);
            sh(tree, c2.toArray(String[]::new));
        }
        assertArrayEquals(random, Files.readAllBytes(rnd));
        assertEquals("x", Files.readString(tree.resolve("sub/tiny")));

        // The big file: its slices, concatenated in order, decompress to the whole file.
        String decompress = suffix.equals("zst") ? "zstd -dc" : "gzip -dc";
        sh(tmp, "sh", "-c", "cat " + iso + "/archives/big-000001.*." + suffix + " | " + decompress + " > " + tmp.resolve("big.out"));
        assertEquals(Files.readString(tmp.resolve("src/big.txt")), Files.readString(tmp.resolve("big.out")));
    }

    private static void sh(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
