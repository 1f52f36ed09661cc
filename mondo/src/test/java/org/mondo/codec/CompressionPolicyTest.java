package org.mondo.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CompressionPolicyTest {
    private final CompressionPolicy zstd = new CompressionPolicy(Codec.ZSTD);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tinyFilesAreNotCompressed() {
        assertFalse(zstd.shouldCompress(b("/etc/hostname"), 0));
        assertFalse(zstd.shouldCompress(b("/etc/hostname"), CompressionPolicy.TINY_BYTES - 1));
        assertTrue(zstd.shouldCompress(b("/etc/hostname"), CompressionPolicy.TINY_BYTES));
        assertTrue(zstd.shouldCompress(b("/etc/services"), 1L << 40));
    }

    @Test
    void compressedSuffixesAreStoredRaw() {
        for (String p : new String[] {"/a/b.gz", "/photo.jpg", "/x.tar.zst", "/p.png", "/m.mkv", "/d.deb", "/z.Z"}) {
            assertFalse(zstd.shouldCompress(b(p), 10_000), p);
        }
        for (String p : new String[] {"/a/b.txt", "/etc/passwd", "/x.tar", "/lib/libc.so.6", "/a.gzip", "/agz"}) {
            assertTrue(zstd.shouldCompress(b(p), 10_000), p);
        }
    }

    @Test
    void suffixesAreCaseInsensitive() {
        assertFalse(zstd.shouldCompress(b("/DCIM/IMG_0001.JPG"), 1_000_000));
        assertFalse(zstd.shouldCompress(b("/x.Gz"), 1_000_000));
        assertFalse(zstd.shouldCompress(b("/x.PdF"), 1_000_000));
        assertEquals("jpg", CompressionPolicy.suffix(b("/a/B.JPG")));
    }

    @Test
    void onlyTheLastComponentsSuffixCounts() {
        assertEquals("", CompressionPolicy.suffix(b("/dir.gz/file")), "a dot in a directory name is no suffix");
        assertTrue(zstd.shouldCompress(b("/dir.gz/file"), 10_000));
        assertEquals("", CompressionPolicy.suffix(b("/noext")));
        assertEquals("", CompressionPolicy.suffix(b("/trailing.")));
        assertEquals("bashrc", CompressionPolicy.suffix(b("/home/a/.bashrc")));
        assertEquals("", CompressionPolicy.suffix(b("/x.averyveryverylongsuffix")), "long suffixes are no suffixes");
        assertEquals("6", CompressionPolicy.suffix(b("/lib/libc.so.6")));
    }

    @Test
    void nonUtf8NamesDoNotBreakTheSuffixCheck() {
        byte[] p = {'/', (byte) 0xff, (byte) 0xfe, '.', 'g', 'z'};
        assertFalse(zstd.shouldCompress(p, 10_000));
        byte[] q = {'/', 'a', '.', (byte) 0xe9};
        assertTrue(zstd.shouldCompress(q, 10_000));
    }

    @Test
    void noneNeverCompresses() {
        CompressionPolicy none = new CompressionPolicy(Codec.NONE);
        assertFalse(none.shouldCompress(b("/big.txt"), 1L << 30));
        assertEquals(Codec.NONE, none.codec());
    }
}
