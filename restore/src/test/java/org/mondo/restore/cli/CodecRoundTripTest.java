package org.mondo.restore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.archive.MondoArchive;
import org.mondo.read.Backup;

/** Every compressor option backs up and restores the same bytes, small files and sliced ones. */
class CodecRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"--zstd,zstd", "-G,gzip", "-Y,xz", "--bzip2,bzip2", "-L,lz4", "-0,none"})
    void roundTrip(String option, String codec) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60_000; i++) text.append("line ").append(i).append('\n');
        Files.writeString(src.resolve("text"), text); // ~700 KB
        byte[] random = new byte[1_500_000];
        new Random(5).nextBytes(random);
        Files.write(src.resolve("random"), random); // sliced at --slice-size 1m
        Files.writeString(src.resolve("tiny"), "t");
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, MondoArchive.execute(new String[] {"-OiW", option, "-d", out.toString(), "-I", src.toString(),
                "--slice-size", "1m", "-T", tmp.toString(), "--log", tmp.resolve("log").toString()}));
        try (Backup b = Backup.open(out, "mondorescue")) {
            assertEquals(codec, b.config().require("codec"));
        }
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        assertEquals(0, MondoRestore.execute(new String[] {"-i", "-d", out.toString(), "--restore-to", dst.toString(),
                "--log", tmp.resolve("rlog").toString()}));
        Path r = dst.resolve(src.toString().substring(1));
        assertEquals(text.toString(), Files.readString(r.resolve("text")));
        assertArrayEquals(random, Files.readAllBytes(r.resolve("random")));
        assertTrue(Files.readString(r.resolve("tiny")).equals("t"));
    }
}
