package org.mondo.sets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mondo.catalog.Entry;
import org.mondo.codec.GrowableBuffer;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.sets.Piece.NamedFile;

/**
 * Cuts a big file into slices of {@code sliceSize} bytes, each compressed on its own into
 * archives/big-NNNNNN.SSSSS.zst; slices may land on different volumes. Concatenated, the
 * slices decompress to the whole file ({@code cat big-000001.* | zstd -d}). Holes are not read.
 */
public final class BigFileJob implements Job {
    private final Entry entry;
    private final BackupContext ctx;

    public BigFileJob(Entry entry, BackupContext ctx) {
        this.entry = entry;
        this.ctx = ctx;
    }

    public static String sliceName(int big, int index, String codec) {
        return String.format("big-%06d.%05d", big, index) + (codec.isEmpty() ? "" : "." + codec);
    }

    public static int sliceCount(long size, int sliceSize) {
        return (int) Math.max(1, (size + sliceSize - 1) / sliceSize);
    }

    @Override
    public void run(PieceSink sink) throws IOException, InterruptedException {
        WorkerContext w = ctx.worker();
        FileReader.Opened f;
        try {
            f = w.reader.open(entry.path);
        } catch (NativeException ex) {
            if (ex.isNotFound()) ctx.problems().add(Problems.Kind.VANISHED, entry.toString(), "");
            else ctx.problems().add(Problems.Kind.UNREADABLE, entry.toString(), ex.getMessage());
            entry.gone = true;
            return;
        }
        String codec = ctx.policy().shouldCompress(entry.path, entry.size) && !entry.storeRaw
                ? ctx.policy().codec().suffix : "";
        entry.codec = codec;
        int slices = sliceCount(entry.size, ctx.sliceSize());
        entry.slices = slices;
        try {
            w.sha256.reset();
            long offset = 0;
            for (int i = 0; i < slices; i++) {
                if (Thread.interrupted()) throw new InterruptedException();
                int len = (int) Math.min(ctx.sliceSize(), entry.size - offset);
                int got = w.reader.read(f.fd(), offset, len, entry.sparse, w.raw, w.sha256);
                if (got < len) {
                    // The file shrank while read: pad so that the slice count and size stay as cataloged.
                    ctx.problems().add(Problems.Kind.CHANGED, entry.toString(), "shrank while read");
                    w.raw.setSize(len);
                    java.util.Arrays.fill(w.raw.array(), got, len, (byte) 0);
                    w.sha256.update(w.raw.array(), got, len - got);
                }
                offset += len;
                GrowableBuffer out = w.raw;
                if (!codec.isEmpty()) {
                    w.compressor.compress(w.raw.array(), len, w.packed);
                    out = w.packed;
                }
                String name = sliceName(entry.big, i, codec);
                Path file = ctx.scratch().resolve(name);
                try (var os = Files.newOutputStream(file)) {
                    os.write(out.array(), 0, out.size());
                }
                ctx.progress().addBytes(len);
                boolean last = i == slices - 1;
                if (last) {
                    entry.sha256 = w.sha256.digest();
                    checkUnchanged(f.fd());
                }
                sink.accept(new Piece.SlicePiece(entry, i, last, List.of(new NamedFile(name, file, out.size()))));
            }
        } catch (NativeException ex) {
            ctx.problems().add(Problems.Kind.UNREADABLE, entry.toString(), ex.getMessage());
            throw new IOException("cannot read " + entry + ": " + ex.getMessage(), ex);
        } finally {
            Libc.close(f.fd());
        }
    }

    private void checkUnchanged(int fd) throws NativeException {
        FileStat after = Libc.fstat(fd);
        if (after.size() != entry.size || after.mtimeSec() != entry.mtimeSec || after.mtimeNsec() != entry.mtimeNsec) {
            ctx.problems().add(Problems.Kind.CHANGED, entry.toString(), "modified while read");
        }
    }
}
