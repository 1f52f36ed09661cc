package org.mondo.media;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads ISO 9660 images (files or block devices) without mounting them, with Rock Ridge names.
 * All reads are positional on one FileChannel, so one instance serves many threads. Directory
 * listings are read in one go per directory and cached.
 */
public final class IsoImage implements Closeable {
    private static final int SECTOR = 2048;
    private static final int FIRST_DESCRIPTOR = 16;
    private static final int MAX_DIRECTORY_BYTES = 256 << 20;
    private static final int MAX_CONTINUATIONS = 32;
    private static final int FLAG_DIRECTORY = 0x02;
    private static final int FLAG_MULTI_EXTENT = 0x80;

    private final Path image;
    private final FileChannel channel;
    private final String volumeId;
    private final int blockSize;
    private final IsoFile root;
    /** Bytes to skip at the start of each System Use area (SUSP "SP"), or -1 without SUSP. */
    private final int suspSkip;
    private final Map<Long, Directory> directories = new ConcurrentHashMap<>();

    private record Directory(List<IsoFile> files, Map<String, IsoFile> byName) {}

    private IsoImage(Path image, FileChannel channel) throws IOException {
        this.image = image;
        this.channel = channel;
        byte[] pvd = primaryVolumeDescriptor();
        this.volumeId = new String(pvd, 40, 32, StandardCharsets.ISO_8859_1).strip();
        this.blockSize = u16(pvd, 128);
        if (blockSize != 512 && blockSize != 1024 && blockSize != 2048) {
            throw corrupt("logical block size " + blockSize);
        }
        Record r = Record.parse(pvd, 156, image);
        this.root = new IsoFile("", "/", r.size, true, List.of(new IsoFile.Extent(r.lba, r.size)));
        this.suspSkip = detectSusp();
    }

    /** Opens an image read-only; fails with "not an ISO 9660 image" if it is none. */
    public static IsoImage open(Path image) throws IOException {
        FileChannel channel = FileChannel.open(image, StandardOpenOption.READ);
        try {
            return new IsoImage(image, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public String volumeId() {
        return volumeId;
    }

    public IsoFile root() {
        return root;
    }

    /** The entries of a directory given by its absolute path, e.g. "/" or "/archives". */
    public List<IsoFile> list(String dirPath) throws IOException {
        IsoFile dir = find(dirPath).orElseThrow(() -> new NoSuchFileException(image + ":" + dirPath));
        return list(dir);
    }

    public List<IsoFile> list(IsoFile dir) throws IOException {
        if (!dir.isDirectory()) {
            throw new NotDirectoryException(image + ":" + dir.path());
        }
        return directory(dir).files();
    }

    /** Looks up an absolute path; "." and empty components are ignored. */
    public Optional<IsoFile> find(String path) throws IOException {
        IsoFile current = root;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!current.isDirectory()) {
                return Optional.empty();
            }
            current = directory(current).byName().get(part);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** A stream over a file's data; each stream has its own position, the image is shared. */
    /** A small text file's content, UTF-8, without surrounding white space (BACKUP-ID, THIS-CD-NUMBER). */
    public String text(IsoFile file) throws IOException {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
    }

    public InputStream open(IsoFile file) throws IOException {
        if (file.isDirectory()) {
            throw new IOException(image + ":" + file.path() + ": is a directory");
        }
        return new FileStream(file);
    }

    /**
     * Reads up to {@code len} bytes of {@code file} at {@code offset} into {@code buf}; returns how
     * many were read (fewer only at the end of the file), or -1 if offset is at or past the end.
     */
    public long read(IsoFile file, long offset, byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= file.size()) {
            return -1;
        }
        int done = 0;
        long extentStart = 0;
        for (IsoFile.Extent e : file.extents()) {
            long pos = offset + done;
            if (done == len) {
                break;
            }
            if (pos < extentStart + e.length()) {
                long within = pos - extentStart;
                int n = (int) Math.min(len - done, e.length() - within);
                readFully(e.lba() * blockSize + within, buf, off + done, n);
                done += n;
            }
            extentStart += e.length();
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---------------------------------------------------------------- volume

    private byte[] primaryVolumeDescriptor() throws IOException {
        for (int sector = FIRST_DESCRIPTOR; sector < FIRST_DESCRIPTOR + 32; sector++) {
            byte[] d = new byte[SECTOR];
            if (!readUpTo((long) sector * SECTOR, d)
                    || !"CD001".equals(new String(d, 1, 5, StandardCharsets.ISO_8859_1))) {
                throw new IOException(image + ": not an ISO 9660 image (no volume descriptor at sector " + sector + ")");
            }
            int type = d[0] & 0xff;
            if (type == 1) {
                return d;
            }
            if (type == 255) {
                break;
            }
        }
        throw new IOException(image + ": not an ISO 9660 image (no primary volume descriptor)");
    }

    /** SUSP is in use when the root's "." record starts its System Use area with "SP" (check bytes BE EF). */
    private int detectSusp() throws IOException {
        byte[] first = new byte[SECTOR];
        readFully(root.extents().getFirst().lba() * blockSize, first, 0, SECTOR);
        Record dot = Record.parse(first, 0, image);
        int p = dot.suStart;
        if (dot.suEnd - p >= 7 && first[p] == 'S' && first[p + 1] == 'P'
                && (first[p + 4] & 0xff) == 0xBE && (first[p + 5] & 0xff) == 0xEF) {
            return first[p + 6] & 0xff;
        }
        return -1;
    }

    // ---------------------------------------------------------------- directories

    private Directory directory(IsoFile dir) throws IOException {
        long lba = dir.extents().getFirst().lba();
        Directory cached = directories.get(lba);
        if (cached == null) {
            cached = readDirectory(dir);
            directories.putIfAbsent(lba, cached);
        }
        return cached;
    }

    private Directory readDirectory(IsoFile dir) throws IOException {
        if (dir.size() > MAX_DIRECTORY_BYTES) {
            throw corrupt("directory " + dir.path() + " of " + dir.size() + " bytes");
        }
        byte[] data = new byte[(int) dir.size()];
        readFully(dir.extents().getFirst().lba() * blockSize, data, 0, data.length);
        List<IsoFile> files = new ArrayList<>();
        Map<String, IsoFile> byName = new HashMap<>();
        Pending pending = null;
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                // Records never cross a sector boundary; a zero length byte pads to the next one.
                pos = (pos / SECTOR + 1) * SECTOR;
                continue;
            }
            Record r = Record.parse(data, pos, image);
            pos += r.length;
            if (r.isSelfOrParent()) {
                continue;
            }
            if (pending == null) {
                pending = new Pending(r, nameOf(r, data));
            } else {
                pending.add(r);
            }
            if ((r.flags & FLAG_MULTI_EXTENT) == 0) {
                IsoFile f = pending.finish(dir.path());
                pending = null;
                if (f != null) {
                    files.add(f);
                    byName.putIfAbsent(f.name(), f);
                }
            }
        }
        return new Directory(Collections.unmodifiableList(files), byName);
    }

    /** The Rock Ridge NM name, else the ISO name without ";1" and a trailing dot. */
    private Names nameOf(Record r, byte[] data) throws IOException {
        Names names = new Names();
        if (suspSkip >= 0) {
            scanSystemUse(data, r.suStart + suspSkip, r.suEnd, names, 0);
        }
        if (names.nm.size() == 0) {
            String iso = new String(data, r.nameStart, r.nameLength, StandardCharsets.ISO_8859_1);
            int semicolon = iso.indexOf(';');
            if (semicolon >= 0) {
                iso = iso.substring(0, semicolon);
            }
            names.name = iso.endsWith(".") ? iso.substring(0, iso.length() - 1) : iso;
        } else {
            names.name = names.nm.toString(StandardCharsets.UTF_8);
        }
        return names;
    }

    /** Walks SUSP entries, then the CE continuation area if any (at most 32 deep, against loops). */
    private void scanSystemUse(byte[] a, int from, int to, Names names, int hops) throws IOException {
        long ceLba = -1;
        int ceOffset = 0;
        int ceLength = 0;
        int p = from;
        while (p + 4 <= to) {
            int len = a[p + 2] & 0xff;
            if (len < 4 || p + len > to) {
                break;
            }
            String sig = new String(a, p, 2, StandardCharsets.ISO_8859_1);
            switch (sig) {
                case "NM" -> {
                    // Flags CURRENT/PARENT (2, 4) only appear on "." and ".."; CONTINUE just means "more follows".
                    if ((a[p + 4] & 0x06) == 0) {
                        names.nm.write(a, p + 5, len - 5);
                    }
                }
                case "CE" -> {
                    ceLba = u32(a, p + 4);
                    ceOffset = (int) u32(a, p + 12);
                    ceLength = (int) u32(a, p + 20);
                }
                case "CL" -> names.childLink = u32(a, p + 4);
                case "RE" -> names.relocated = true;
                default -> { }
            }
            if (sig.equals("ST")) {
                break;
            }
            p += len;
        }
        if (ceLba >= 0 && ceLength > 0) {
            if (hops >= MAX_CONTINUATIONS || ceLength > SECTOR) {
                throw corrupt("System Use continuation area at block " + ceLba);
            }
            byte[] ce = new byte[ceLength];
            readFully(ceLba * blockSize + ceOffset, ce, 0, ceLength);
            scanSystemUse(ce, 0, ceLength, names, hops + 1);
        }
    }

    /** A Rock Ridge "CL" record stands for a deep directory relocated elsewhere: read its "." record. */
    private IsoFile relocatedDirectory(String name, String path, long lba) throws IOException {
        byte[] first = new byte[SECTOR];
        readFully(lba * blockSize, first, 0, SECTOR);
        Record dot = Record.parse(first, 0, image);
        return new IsoFile(name, path, dot.size, true, List.of(new IsoFile.Extent(dot.lba, dot.size)));
    }

    private static final class Names {
        final ByteArrayOutputStream nm = new ByteArrayOutputStream();
        String name;
        long childLink = -1;
        boolean relocated;
    }

    /** Records of one file being collected (several when multi-extent). */
    private final class Pending {
        final Record first;
        final Names names;
        final List<IsoFile.Extent> extents = new ArrayList<>();
        long size;

        Pending(Record first, Names names) {
            this.first = first;
            this.names = names;
            add(first);
        }

        void add(Record r) {
            extents.add(new IsoFile.Extent(r.lba, r.size));
            size += r.size;
        }

        /** The file, or null for the hidden original of a relocated directory (RE). */
        IsoFile finish(String parentPath) throws IOException {
            if (names.relocated) {
                return null;
            }
            String path = (parentPath.equals("/") ? "/" : parentPath + "/") + names.name;
            if (names.childLink >= 0) {
                return relocatedDirectory(names.name, path, names.childLink);
            }
            boolean isDir = (first.flags & FLAG_DIRECTORY) != 0;
            return new IsoFile(names.name, path, size, isDir, extents);
        }
    }

    /** One ISO 9660 directory record; lba includes any extended attribute record before the data. */
    private record Record(int length, int flags, long lba, long size, int nameStart, int nameLength,
                          int suStart, int suEnd, boolean isSelfOrParent) {
        static Record parse(byte[] a, int pos, Path image) throws IOException {
            int length = a[pos] & 0xff;
            if (length < 34 || pos + length > a.length) {
                throw new IOException(image + ": corrupt ISO 9660 image (directory record of " + length + " bytes)");
            }
            int nameLength = a[pos + 32] & 0xff;
            int nameStart = pos + 33;
            int suStart = nameStart + nameLength + (nameLength % 2 == 0 ? 1 : 0);
            if (suStart > pos + length) {
                throw new IOException(image + ": corrupt ISO 9660 image (name overruns its record)");
            }
            if ((a[pos + 26] & 0xff) != 0) {
                throw new IOException(image + ": interleaved files are not supported");
            }
            long lba = u32(a, pos + 2) + (a[pos + 1] & 0xff);
            boolean selfOrParent = nameLength == 1 && (a[nameStart] == 0 || a[nameStart] == 1);
            return new Record(length, a[pos + 25] & 0xff, lba, u32(a, pos + 10), nameStart, nameLength,
                    suStart, pos + length, selfOrParent);
        }
    }

    // ---------------------------------------------------------------- I/O

    private final class FileStream extends InputStream {
        private final IsoFile file;
        private long position;

        FileStream(IsoFile file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = (int) IsoImage.this.read(file, position, b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, file.size() - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, file.size() - position);
        }
    }

    private void readFully(long position, byte[] buf, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
        while (bb.hasRemaining()) {
            if (channel.read(bb, position + (bb.position() - off)) < 0) {
                throw new EOFException(image + ": truncated ISO 9660 image (read past the end at byte "
                        + (position + bb.position() - off) + ")");
            }
        }
    }

    /** Fills buf from position; false if the image ends first. */
    private boolean readUpTo(long position, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            if (channel.read(bb, position + bb.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    private IOException corrupt(String what) {
        return new IOException(image + ": corrupt ISO 9660 image (" + what + ")");
    }

    /** Both-endian fields: the little-endian half comes first. */
    private static long u32(byte[] a, int p) {
        return (a[p] & 0xffL) | (a[p + 1] & 0xffL) << 8 | (a[p + 2] & 0xffL) << 16 | (a[p + 3] & 0xffL) << 24;
    }

    private static int u16(byte[] a, int p) {
        return (a[p] & 0xff) | (a[p + 1] & 0xff) << 8;
    }
}
