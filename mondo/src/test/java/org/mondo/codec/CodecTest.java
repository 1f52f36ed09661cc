package org.mondo.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecTest {
    @TempDir
    Path tmp;

    private static final List<byte[]> SAMPLES = makeSamples();

    static List<byte[]> samples() {
        return SAMPLES;
    }

    private static List<byte[]> makeSamples() {
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[0]);
        out.add(new byte[] {42});
        byte[] random = new byte[1 << 20];
        new Random(11).nextBytes(random);
        out.add(random);
        StringBuilder sb = new StringBuilder();
        Random r = new Random(12);
        String[] words = {"mondo", "rescue", "backup", "volume", "catalog", "/etc/passwd", "\n", "  ", "0123"};
        while (sb.length() < (1 << 20)) sb.append(words[r.nextInt(words.length)]).append(' ');
        out.add(Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), 1 << 20));
        return List.copyOf(out);
    }

    private static byte[] compress(Codec c, byte[] data, GrowableBuffer buf) throws IOException {
        try (BlockCompressor bc = c.newCompressor(c.defaultLevel)) {
            bc.compress(data, data.length, buf);
        }
        return Arrays.copyOf(buf.array(), buf.size());
    }

    private static byte[] decompress(Codec c, byte[] frame) throws IOException {
        try (InputStream in = c.decompressing(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void roundTripOfEmptyOneByteRandomAndText(Codec c) throws IOException {
        List<byte[]> s = samples();
        GrowableBuffer buf = new GrowableBuffer(16);
        for (int i = 0; i < s.size(); i++) {
            byte[] data = s.get(i);
            byte[] frame = compress(c, data, buf);
            assertTrue(frame.length > 0, c + " writes a frame even for empty input");
            assertArrayEquals(data, decompress(c, frame), c + " sample " + i);
            if (i == 3) assertTrue(frame.length < data.length / 2, c + " shrinks text: " + frame.length);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aReusedCompressorAndBufferDoNotLeakPreviousContent(Codec c) throws IOException {
        GrowableBuffer buf = new GrowableBuffer(16);
        Random rnd = new Random(99);
        try (BlockCompressor bc = c.newCompressor(c.defaultLevel)) {
            for (int round = 0; round < 12; round++) {
                // big then small: the second frame must not carry bytes of the first
                byte[] data = new byte[round % 2 == 0 ? 200_000 : rnd.nextInt(50)];
                rnd.nextBytes(data);
                // only part of the source array is to be compressed
                byte[] padded = Arrays.copyOf(data, data.length + 100);
                Arrays.fill(padded, data.length, padded.length, (byte) 7);
                bc.compress(padded, data.length, buf);
                assertArrayEquals(data, decompress(c, Arrays.copyOf(buf.array(), buf.size())), c + " round " + round);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyLevelInRangeWorks(Codec c) throws IOException {
        byte[] data = samples().get(3);
        data = Arrays.copyOf(data, 64 * 1024);
        for (int level : new int[] {c.minLevel, c.maxLevel, c.minLevel - 5, c.maxLevel + 5}) {
            GrowableBuffer buf = new GrowableBuffer(16);
            try (BlockCompressor bc = c.newCompressor(level)) {
                bc.compress(data, data.length, buf);
            }
            assertArrayEquals(data, decompress(c, Arrays.copyOf(buf.array(), buf.size())), c + " level " + level);
        }
    }

    @Test
    void noneDoesNotCompressAndPassesDataThrough() throws IOException {
        assertThrows(IllegalStateException.class, () -> Codec.NONE.newCompressor(0));
        byte[] d = {1, 2, 3};
        assertArrayEquals(d, Codec.NONE.decompressing(new ByteArrayInputStream(d)).readAllBytes());
    }

    @Test
    void namesAndSuffixes() {
        assertEquals(Codec.ZSTD, Codec.ofName("ZSTD"));
        assertEquals(Codec.ZSTD, Codec.ofName("zst"));
        assertEquals(Codec.GZIP, Codec.ofName("gzip"));
        assertEquals(Codec.XZ, Codec.ofName("lzma"));
        assertEquals(Codec.NONE, Codec.ofName("off"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codec.ofName("lzo"));
        assertTrue(e.getMessage().contains("lzo"));
        for (Codec c : Codec.values()) assertEquals(c, Codec.ofSuffix(c.suffix));
        assertThrows(IllegalArgumentException.class, () -> Codec.ofSuffix("zip"));
        assertEquals(1, Codec.ZSTD.clampLevel(-3));
        assertEquals(19, Codec.ZSTD.clampLevel(22));
        assertEquals(9, Codec.GZIP.clampLevel(9));
    }

    private byte[] cli(byte[] frame, String suffix, String... cmd) throws Exception {
        Path f = tmp.resolve("frame." + suffix);
        Files.write(f, frame);
        Path out = tmp.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(f.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
        return Files.readAllBytes(out);
    }

    @Test
    void zstdFramesAreReadByTheZstdTool() throws Exception {
        GrowableBuffer buf = new GrowableBuffer(16);
        for (byte[] data : samples()) {
            byte[] frame = compress(Codec.ZSTD, data, buf);
            assertArrayEquals(data, cli(frame, "zst", "zstd", "-d", "-q", "-c"));
        }
    }

    @Test
    void zstdFrameCarriesAChecksumThatTheToolChecks() throws Exception {
        byte[] data = samples().get(3);
        byte[] frame = compress(Codec.ZSTD, data, new GrowableBuffer(16));
        frame[frame.length - 1] ^= 0x55; // the last 4 bytes are the XXH64-based checksum
        Path f = tmp.resolve("bad.zst");
        Files.write(f, frame);
        Process p = new ProcessBuilder("zstd", "-d", "-q", "-c", f.toString()).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, "a damaged frame is detected");
    }

    @Test
    void gzipMembersAreReadByGzip() throws Exception {
        GrowableBuffer buf = new GrowableBuffer(16);
        for (byte[] data : samples()) {
            byte[] frame = compress(Codec.GZIP, data, buf);
            assertArrayEquals(data, cli(frame, "gz", "gzip", "-d", "-c"));
        }
    }

    @Test
    void otherFramesAreReadByTheirTools() throws Exception {
        byte[] data = Arrays.copyOf(samples().get(3), 256 * 1024);
        assertArrayEquals(data, cli(compress(Codec.XZ, data, new GrowableBuffer(16)), "xz", "xz", "-d", "-c"));
        assertArrayEquals(data, cli(compress(Codec.BZIP2, data, new GrowableBuffer(16)), "bz2", "bzip2", "-d", "-c"));
        if (Files.isExecutable(Path.of("/usr/bin/lz4"))) {
            assertArrayEquals(data, cli(compress(Codec.LZ4, data, new GrowableBuffer(16)), "lz4", "lz4", "-d", "-c"));
        }
    }
}
