package org.mondo.restore.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.mondo.catalog.Entry;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.PathBytes;

/** Catalog entries as `tar -tv` shows them: mode string, owner/group, size, mtime, name. */
final class Listing {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Listing() {}

    static String line(Entry e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.hardLink ? 'h' : typeChar(e.type)).append(modeString(e.mode)).append(' ');
        sb.append(e.user != null ? e.user : Integer.toUnsignedString(e.uid)).append('/');
        sb.append(e.group != null ? e.group : Integer.toUnsignedString(e.gid)).append(' ');
        if (e.type == FileType.CHAR_DEVICE || e.type == FileType.BLOCK_DEVICE) {
            sb.append(String.format("%8s", e.rdevMajor + "," + e.rdevMinor));
        } else {
            sb.append(String.format("%8d", e.type == FileType.REGULAR ? e.size : 0));
        }
        sb.append(' ').append(TIME.format(Instant.ofEpochSecond(e.mtimeSec))).append(' ');
        sb.append(PathBytes.escape(e.path));
        if (e.type == FileType.SYMLINK) sb.append(" -> ").append(PathBytes.escape(e.link));
        if (e.hardLink) sb.append(" link to ").append(PathBytes.escape(e.link));
        return sb.toString();
    }

    static void print(Iterable<Entry> entries, PrintStream out) {
        for (Entry e : entries) out.println(line(e));
    }

    private static char typeChar(FileType t) {
        return switch (t) {
            case REGULAR -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
            case SOCKET -> 's';
        };
    }

    static String modeString(int mode) {
        char[] c = "rwxrwxrwx".toCharArray();
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) == 0) c[i] = '-';
        if ((mode & 04000) != 0) c[2] = c[2] == 'x' ? 's' : 'S';
        if ((mode & 02000) != 0) c[5] = c[5] == 'x' ? 's' : 'S';
        if ((mode & 01000) != 0) c[8] = c[8] == 'x' ? 't' : 'T';
        return new String(c);
    }
}
