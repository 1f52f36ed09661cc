package org.mondo.sets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mondo.catalog.Entry;
import org.mondo.codec.CompressionPolicy;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;
import org.mondo.sets.Piece.NamedFile;

/**
 * Writes one archive set: a cpio (newc) file whose regular-file members are each compressed on
 * their own, named with the codec's suffix ("etc/services.zst"), so GNU cpio and the codec's
 * tool recover any file by hand, and a damaged set loses only its damaged members.
 */
public final class SetJob implements Job {
    private final int number;
    private final List<Entry> entries;
    private final BackupContext ctx;

    public SetJob(int number, List<Entry> entries, BackupContext ctx) {
        this.number = number;
        this.entries = entries;
        this.ctx = ctx;
    }

    public static String fileName(int set) {
        return String.format("set-%05d.cpio", set);
    }

    @Override
    public void run(PieceSink sink) throws IOException, InterruptedException {
        WorkerContext w = ctx.worker();
        Path cpio = ctx.scratch().resolve(fileName(number));
        List<Entry> kept = new ArrayList<>(entries.size());
        Map<String, Long> inoOfLeader = new HashMap<>();
        long nextIno = 1;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(cpio), 1 << 16);
             CpioNewcWriter out = new CpioNewcWriter(os)) {
            for (Entry e : entries) {
                if (Thread.interrupted()) throw new InterruptedException();
                byte[] name = PathBytes.relative(e.path);
                if (name.length == 0) name = new byte[] {'.'};
                long ino = nextIno++;
                if (e.hasContent()) {
                    if (!addRegular(out, w, e, name, ino)) continue;
                    if (e.nlink > 1) inoOfLeader.put(new String(e.path, java.nio.charset.StandardCharsets.ISO_8859_1), ino);
                } else if (e.hardLink) {
                    Long leaderIno = inoOfLeader.get(new String(e.link, java.nio.charset.StandardCharsets.ISO_8859_1));
                    // Same inode number as the leader in this set: cpio -i links them. Otherwise an empty file.
                    String suffix = leaderSuffix(e);
                    byte[] n = suffix.isEmpty() ? name : withSuffix(name, suffix);
                    out.add(n, header(e, leaderIno != null ? leaderIno : ino, 0, leaderIno != null ? e.nlink : 1),
                            null, 0, 0);
                } else {
                    byte[] data = e.type == FileType.SYMLINK ? e.link : new byte[0];
                    out.add(name, header(e, ino, data.length, e.type == FileType.DIRECTORY ? 2 : 1), data, 0,
                            data.length);
                }
                kept.add(e);
            }
            out.finish();
        }
        List<NamedFile> files = new ArrayList<>();
        files.add(new NamedFile(fileName(number), cpio, Files.size(cpio)));
        files.addAll(ctx.sideFiles().write(number, kept, ctx.scratch()));
        sink.accept(new Piece.SetPiece(number, files, kept));
    }

    /**
     * A link in the same set as its data is named like the data's member (cpio links the two); a
     * link elsewhere has no suffix: the data's codec may not be decided yet by another worker.
     */
    private String leaderSuffix(Entry follower) {
        Entry leader = ctx.leaderOf(follower);
        return leader == null || leader.set != follower.set ? "" : leader.codec;
    }

    private static byte[] withSuffix(byte[] name, String suffix) {
        byte[] s = PathBytes.of("." + suffix);
        byte[] out = java.util.Arrays.copyOf(name, name.length + s.length);
        System.arraycopy(s, 0, out, name.length, s.length);
        return out;
    }

    /** Reads, hashes and (maybe) compresses one file; false when it vanished or cannot be read. */
    private boolean addRegular(CpioNewcWriter out, WorkerContext w, Entry e, byte[] name, long ino)
            throws IOException {
        FileReader.Opened f;
        try {
            f = w.reader.open(e.path);
        } catch (NativeException ex) {
            if (ex.isNotFound()) ctx.problems().add(Problems.Kind.VANISHED, e.toString(), "");
            else ctx.problems().add(Problems.Kind.UNREADABLE, e.toString(), ex.getMessage());
            e.gone = true;
            return false;
        }
        try {
            FileStat st = f.stat();
            if (!st.isRegular() || st.ino() != e.ino) {
                ctx.problems().add(Problems.Kind.CHANGED, e.toString(), "replaced by another file");
            }
            long want = Math.min(st.size(), ctx.bigThreshold() - 1);
            w.sha256.reset();
            int got = w.reader.read(f.fd(), 0, (int) want, e.sparse, w.raw, w.sha256);
            FileStat after = Libc.fstat(f.fd());
            boolean grew = w.reader.hasMoreThan(f.fd(), got);
            if (got != e.size || grew || after.mtimeSec() != e.mtimeSec || after.mtimeNsec() != e.mtimeNsec) {
                ctx.problems().add(Problems.Kind.CHANGED, e.toString(),
                        "size " + e.size + " -> " + after.size());
                e.size = got; // the catalog describes what the archive holds
            }
            e.sha256 = w.sha256.digest();
            byte[] data = w.raw.array();
            int len = got;
            e.codec = "";
            if (!e.storeRaw && ctx.policy().shouldCompress(e.path, got)) {
                w.compressor.compress(data, got, w.packed);
                if (w.packed.size() < got) {
                    data = w.packed.array();
                    len = w.packed.size();
                    e.codec = ctx.policy().codec().suffix;
                }
            }
            byte[] memberName = e.codec.isEmpty() ? name : withSuffix(name, e.codec);
            out.add(memberName, header(e, ino, len, e.nlink > 1 ? e.nlink : 1), data, 0, len);
            ctx.progress().addBytes(got);
            return true;
        } catch (NativeException ex) {
            ctx.problems().add(Problems.Kind.UNREADABLE, e.toString(), ex.getMessage());
            e.gone = true;
            return false;
        } finally {
            Libc.close(f.fd());
        }
    }

    private static CpioNewcWriter.Header header(Entry e, long ino, long size, int nlink) {
        return new CpioNewcWriter.Header(ino, e.type.modeBits | e.mode, e.uid, e.gid, nlink, e.mtimeSec, size,
                e.rdevMajor, e.rdevMinor);
    }
}
