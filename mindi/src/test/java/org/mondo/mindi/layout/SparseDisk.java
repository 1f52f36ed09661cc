package org.mondo.mindi.layout;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A disk rebuilt from a captured sector dump (capture/dump-sectors.py: "LBA BASE64" lines);
 * sectors not in the dump read as zeros. {@link #slice} gives a partition of it.
 */
final class SparseDisk implements SectorReader {
    private static final Pattern HEADER = Pattern.compile("# \\w+ sectors of a (\\d+)-sector image \\((\\d+)-byte sectors\\)");

    private final Map<Long, byte[]> sectors;
    private final int sectorSize;
    private final long offset;
    private final long size;

    private SparseDisk(Map<Long, byte[]> sectors, int sectorSize, long offset, long size) {
        this.sectors = sectors;
        this.sectorSize = sectorSize;
        this.offset = offset;
        this.size = size;
    }

    static SparseDisk load(Path dump) throws IOException {
        Map<Long, byte[]> sectors = new HashMap<>();
        long count = -1;
        int sectorSize = 512;
        for (String line : Files.readAllLines(dump)) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                count = Long.parseLong(h.group(1));
                sectorSize = Integer.parseInt(h.group(2));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split(" ");
                sectors.put(Long.parseLong(f[0]), Base64.getDecoder().decode(f[1]));
            }
        }
        if (count < 0) throw new IOException(dump + ": no header line");
        return new SparseDisk(sectors, sectorSize, 0, count * sectorSize);
    }

    /** A copy with the byte at {@code pos} inverted, for the readers' damage paths. */
    SparseDisk withByteFlipped(long pos) throws IOException {
        return withBytes(pos, new byte[] {(byte) ~read(pos, 1)[0]});
    }

    /** A copy with {@code data} written at {@code pos} (within one sector). */
    SparseDisk withBytes(long pos, byte[] data) {
        Map<Long, byte[]> copy = new HashMap<>(sectors);
        long lba = (offset + pos) / sectorSize;
        byte[] s = copy.containsKey(lba) ? copy.get(lba).clone() : new byte[sectorSize];
        System.arraycopy(data, 0, s, (int) ((offset + pos) % sectorSize), data.length);
        copy.put(lba, s);
        return new SparseDisk(copy, sectorSize, offset, size);
    }

    /** The bytes [start, start + length) of this disk as a device of its own. */
    SparseDisk slice(long start, long length) {
        return new SparseDisk(sectors, sectorSize, offset + start, length);
    }

    @Override
    public byte[] read(long pos, int length) throws IOException {
        if (pos < 0 || pos + length > size) throw new EOFException(length + " bytes at " + pos + " are past the end");
        byte[] out = new byte[length];
        for (int i = 0; i < length; ) {
            long abs = offset + pos + i;
            long lba = abs / sectorSize;
            int in = (int) (abs % sectorSize);
            int n = Math.min(sectorSize - in, length - i);
            byte[] s = sectors.get(lba);
            if (s != null) System.arraycopy(s, in, out, i, n);
            i += n;
        }
        return out;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {}
}
