package org.mondo.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.mondo.catalog.Entry;
import org.mondo.codec.Codec;
import org.mondo.nativeio.PathBytes;

/**
 * Reads the content of a backup set by set and big file by big file, hands each entry with its
 * decompressed data to a {@link Visitor}, and checks every file against the SHA-256 and size in
 * the catalog. What a damaged set or slice loses is named; everything else still comes through.
 * Sets are independent, so several threads may read different sets at once.
 */
public final class ContentReader {
    private final Backup backup;
    private final Map<ByteBuffer, Entry> byPath = new HashMap<>();
    private final Map<Integer, List<Entry>> bySet = new LinkedHashMap<>();
    private final List<Entry> bigs = new ArrayList<>();

    /** Receives entries; for a regular file {@code content} is its data, else null. */
    public interface Visitor {
        Completion visit(Entry e, InputStream content) throws IOException;

        /** The entry could not be read from the backup (damaged or missing medium). */
        void damaged(Entry e, String reason);
    }

    /** What to do once the data is verified: keep it or throw it away. */
    public interface Completion {
        void commit() throws IOException;

        void abort();

        Completion NONE = new Completion() {
            public void commit() {}

            public void abort() {}
        };
    }

    public ContentReader(Backup backup) throws IOException {
        this.backup = backup;
        for (Entry e : backup.catalog()) {
            byPath.put(ByteBuffer.wrap(e.path), e);
            if (e.set > 0) bySet.computeIfAbsent(e.set, k -> new ArrayList<>()).add(e);
            else if (e.big > 0) bigs.add(e);
        }
    }

    public List<Integer> sets() {
        return List.copyOf(bySet.keySet());
    }

    public List<Entry> entriesOf(int set) {
        return bySet.getOrDefault(set, List.of());
    }

    public List<Entry> bigFiles() {
        return List.copyOf(bigs);
    }

    public Entry entry(byte[] path) {
        return byPath.get(ByteBuffer.wrap(path));
    }

    /** The name an entry has inside its set's cpio archive. */
    public byte[] memberName(Entry e) {
        byte[] rel = PathBytes.relative(e.path);
        if (rel.length == 0) rel = new byte[] {'.'};
        String codec = e.codec;
        if (e.hardLink) {
            // As SetJob names it: the data's suffix only when the data is in the same set.
            Entry leader = entry(e.link);
            codec = leader == null || leader.set != e.set ? "" : leader.codec;
        }
        if (!e.isRegular() || codec.isEmpty()) return rel;
        byte[] suf = PathBytes.of("." + codec);
        byte[] out = Arrays.copyOf(rel, rel.length + suf.length);
        System.arraycopy(suf, 0, out, rel.length, suf.length);
        return out;
    }

    /**
     * One task per set and per wanted big file, to run in parallel (sets are independent), in the
     * order of the volumes that hold them. When the volumes are discs in one drive, the one in the
     * drive comes first and each volume's tasks start only after the previous volume's are done,
     * so that no disc is asked for twice (a big file going on to the next disc comes last, alone).
     */
    public List<java.util.concurrent.Callable<Void>> tasks(Predicate<Entry> wanted, Visitor v) {
        record Task(int volume, boolean spans, java.util.concurrent.Callable<Void> call) {}
        List<Task> out = new ArrayList<>();
        for (int set : sets()) {
            out.add(new Task(entriesOf(set).get(0).firstVolume, false, () -> {
                readSet(set, wanted, v);
                return null;
            }));
        }
        for (Entry big : bigs) {
            if (!wanted.test(big)) continue;
            out.add(new Task(big.firstVolume, big.lastVolume > big.firstVolume, () -> {
                readBig(big, v);
                return null;
            }));
        }
        if (!backup.oneDiscAtATime()) return out.stream().map(Task::call).toList();
        int first = backup.firstToRead();
        out.sort(java.util.Comparator.comparingInt((Task t) -> t.volume() == first ? 0 : 1)
                .thenComparingInt(Task::volume).thenComparing(Task::spans));
        List<java.util.concurrent.Callable<Void>> gated = new ArrayList<>();
        // A task that goes on to the next disc takes a turn of its own: alone, it changes the disc once.
        List<Integer> turnKeys = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) turnKeys.add(out.get(i).spans() ? -1 - i : out.get(i).volume());
        VolumeTurns turns = new VolumeTurns(turnKeys);
        for (int i = 0; i < out.size(); i++) gated.add(turns.gate(i, out.get(i).call()));
        return gated;
    }

    /** Reads one set; entries not matched by {@code wanted} are skipped without decompressing. */
    public void readSet(int set, Predicate<Entry> wanted, Visitor v) throws IOException {
        List<Entry> entries = entriesOf(set);
        Map<ByteBuffer, Entry> expected = new HashMap<>();
        for (Entry e : entries) if (wanted.test(e)) expected.put(ByteBuffer.wrap(memberName(e)), e);
        if (expected.isEmpty()) return;
        int hint = entries.get(0).firstVolume;
        try (InputStream raw = new BufferedInputStream(backup.openSet(set, hint), 1 << 16)) {
            CpioNewcReader cpio = new CpioNewcReader(raw);
            CpioNewcReader.Member m;
            while (true) {
                try {
                    m = cpio.next();
                } catch (IOException ex) {
                    break; // truncated set: what is left is reported missing below
                }
                if (m == null) break;
                Entry e = expected.remove(ByteBuffer.wrap(m.name()));
                if (e == null) continue;
                if (e.hasContent()) {
                    readContent(e, cpio.data(), v);
                } else {
                    v.visit(e, null).commit();
                }
            }
        } catch (IOException ex) {
            for (Entry e : expected.values()) v.damaged(e, "set " + set + " unreadable: " + ex.getMessage());
            return;
        }
        for (Entry e : expected.values()) v.damaged(e, "not found in set " + set + " (damaged set)");
    }

    /** Reads a big file from its slices. */
    public void readBig(Entry e, Visitor v) throws IOException {
        List<InputStream> slices = backup.openSlices(e);
        // Decompress each slice on its own: concatenated frames are one stream for zstd, but not for every codec.
        Codec codec = e.codec.isEmpty() ? Codec.NONE : Codec.ofSuffix(e.codec);
        List<InputStream> parts = new ArrayList<>(slices.size());
        for (InputStream s : slices) parts.add(new DeferredStream(() -> codec.decompressing(new BufferedInputStream(s, 1 << 16))));
        try (InputStream all = Backup.concat(parts)) {
            readContent(e, all, v);
        }
    }

    private void readContent(Entry e, InputStream compressed, Visitor v) {
        Completion c = Completion.NONE;
        try {
            Codec codec = e.codec.isEmpty() ? Codec.NONE : Codec.ofSuffix(e.codec);
            InputStream plain;
            if (e.big > 0 || codec == Codec.NONE) {
                plain = compressed;
            } else if (codec == Codec.ZSTD) {
                plain = ZSTD.get().decompress(compressed, e.size);
            } else {
                plain = codec.decompressing(compressed);
            }
            MessageDigest sha = SHA256.get();
            sha.reset(); // a damaged file before this one may have left it half fed
            CountingStream counted = new CountingStream(new DigestInputStream(plain, sha));
            c = v.visit(e, counted);
            drain(counted); // what the visitor left unread still counts and is hashed
            byte[] digest = sha.digest();
            if (counted.count() != e.size) {
                c.abort();
                v.damaged(e, "damaged: " + counted.count() + " bytes instead of " + e.size);
            } else if (e.sha256 != null && !Arrays.equals(digest, e.sha256)) {
                c.abort();
                v.damaged(e, "damaged: SHA-256 mismatch");
            } else {
                c.commit();
            }
        } catch (IOException | RuntimeException ex) {
            c.abort();
            v.damaged(e, "damaged: " + ex.getMessage());
        }
    }

    private static final ThreadLocal<byte[]> DRAIN = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    /** Reads to the end into a per-thread buffer (InputStream.transferTo allocates 16 KiB a call: 1.1 GB a restore). */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = DRAIN.get();
        while (in.read(buf, 0, buf.length) >= 0) {
            // discard
        }
    }

    /** One digest per thread: a lookup of the provider per file cost more than hashing a small one. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    });

    private static final ThreadLocal<ZstdMember> ZSTD = ThreadLocal.withInitial(ZstdMember::new);

    /**
     * A set member is one zstd frame of a file under the slice size: decompressed in one call with a
     * context kept per thread, instead of a stream (and its native buffers) per file.
     */
    private static final class ZstdMember {
        private final com.github.luben.zstd.ZstdDecompressCtx ctx = new com.github.luben.zstd.ZstdDecompressCtx();
        private byte[] in = new byte[1 << 16];
        private byte[] out = new byte[1 << 16];

        InputStream decompress(InputStream member, long expectedSize) throws IOException {
            int n = 0;
            while (true) {
                if (n == in.length) in = java.util.Arrays.copyOf(in, in.length * 2);
                int r = member.read(in, n, in.length - n);
                if (r < 0) break;
                n += r;
            }
            // One byte of room more than the catalog's size: a frame that decompresses to more is damaged.
            int room = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, expectedSize) + 1);
            if (out.length < room) out = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(room, 2L * out.length))];
            int got;
            try {
                got = ctx.decompressByteArray(out, 0, room, in, 0, n);
            } catch (com.github.luben.zstd.ZstdException ex) {
                throw new IOException(ex.getMessage());
            }
            return new java.io.ByteArrayInputStream(out, 0, got);
        }
    }

    /** Opens the decompressor only when first read, so slices are not all opened at once. */


    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would bypass the digest: read instead.
            byte[] buf = DRAIN.get();
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) break;
                done += r;
            }
            return done;
        }
    }
}
