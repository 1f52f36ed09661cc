package org.mondo.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The compressors a backup can use, each writing the standard frame of its command-line tool
 * so one file can be recovered by hand ({@code zstd -d}, {@code gunzip}, {@code unxz}, {@code bunzip2}).
 * Each codec gets one block compressor per worker thread: a whole file or slice in, one frame out.
 */
public enum Codec {
    ZSTD("zst", "zstd -d", 3, 1, 19),
    GZIP("gz", "gunzip", 6, 1, 9),
    XZ("xz", "unxz", 6, 0, 9),
    BZIP2("bz2", "bunzip2", 9, 1, 9),
    LZ4("lz4", "lz4 -d", 1, 1, 1),
    NONE("", "cat", 0, 0, 0);

    public final String suffix;
    public final String unpackCommand;
    public final int defaultLevel;
    public final int minLevel;
    public final int maxLevel;

    Codec(String suffix, String unpackCommand, int defaultLevel, int minLevel, int maxLevel) {
        this.suffix = suffix;
        this.unpackCommand = unpackCommand;
        this.defaultLevel = defaultLevel;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    public static Codec ofSuffix(String suffix) {
        for (Codec c : values()) {
            if (c.suffix.equals(suffix)) return c;
        }
        throw new IllegalArgumentException("unknown codec suffix '" + suffix + "'");
    }

    public static Codec ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "zstd", "zst" -> ZSTD;
            case "gzip", "gz" -> GZIP;
            case "xz", "lzma" -> XZ;
            case "bzip2", "bz2" -> BZIP2;
            case "lz4" -> LZ4;
            case "none", "off" -> NONE;
            default -> throw new IllegalArgumentException("unknown codec '" + name + "' (zstd, gzip, xz, bzip2, lz4, none)");
        };
    }

    public int clampLevel(int level) {
        return Math.max(minLevel, Math.min(maxLevel, level));
    }

    /** A compressor for one thread at a time. */
    public BlockCompressor newCompressor(int level) {
        return switch (this) {
            case ZSTD -> new ZstdBlocks(clampLevel(level));
            case GZIP -> new GzipBlocks(clampLevel(level));
            case XZ -> new XzBlocks(clampLevel(level));
            case BZIP2 -> new Bzip2Blocks(clampLevel(level));
            case LZ4 -> new Lz4Blocks();
            case NONE -> throw new IllegalStateException("NONE does not compress");
        };
    }

    /** Decompresses one frame read from {@code in}. */
    public InputStream decompressing(InputStream in) throws IOException {
        return switch (this) {
            case ZSTD -> new com.github.luben.zstd.ZstdInputStreamNoFinalizer(in);
            case GZIP -> new java.util.zip.GZIPInputStream(in, 1 << 16);
            case XZ -> new org.tukaani.xz.XZInputStream(in);
            case BZIP2 -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(in);
            case LZ4 -> new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream(in);
            case NONE -> in;
        };
    }
}
