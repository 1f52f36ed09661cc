package org.mondo.codec;

import java.util.Locale;
import java.util.Set;

/**
 * Which files are worth compressing: not tiny ones (the frame costs more than it saves) and not
 * those whose suffix says they are compressed already (MondoRescue's do-not-compress list, plus
 * today's formats). A file that does not shrink is stored raw anyway.
 */
public final class CompressionPolicy {
    public static final int TINY_BYTES = 512;
    static final Set<String> COMPRESSED_SUFFIXES = Set.of(
            "arc", "avi", "bz2", "deb", "gif", "gz", "jff", "jfif", "jpeg", "jpg", "lha", "lzh", "lzo", "lzop",
            "mp3", "mpeg", "mpg", "ogg", "pdf", "png", "ra", "ram", "rar", "rm", "rpm", "taz", "tgz", "tif",
            "tiff", "tpz", "uc2", "wma", "wmv", "z", "zip", "zoo",
            "zst", "zstd", "xz", "txz", "lz4", "lzma", "7z", "tbz", "tbz2", "webp", "webm", "mp4", "m4a", "m4v",
            "mkv", "mov", "flac", "opus", "aac", "heic", "avif", "jar", "war", "apk", "whl", "docx", "xlsx",
            "pptx", "odt", "ods", "odp", "epub", "cab", "squashfs", "br", "jxl");

    private final Codec codec;

    public CompressionPolicy(Codec codec) {
        this.codec = codec;
    }

    public Codec codec() {
        return codec;
    }

    public boolean shouldCompress(byte[] path, long size) {
        if (codec == Codec.NONE || size < TINY_BYTES) return false;
        return !COMPRESSED_SUFFIXES.contains(suffix(path));
    }

    static String suffix(byte[] path) {
        int dot = -1;
        for (int i = path.length - 1; i >= 0 && path[i] != '/'; i--) {
            if (path[i] == '.') {
                dot = i;
                break;
            }
        }
        if (dot < 0 || path.length - dot - 1 > 10) return "";
        return new String(path, dot + 1, path.length - dot - 1, java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
    }
}
