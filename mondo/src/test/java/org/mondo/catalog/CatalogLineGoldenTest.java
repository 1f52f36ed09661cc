package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.nativeio.FileType;

/** The catalog's exact bytes for entries that use every field and every escape: the format must not drift. */
class CatalogLineGoldenTest {
    static final String EXPECTED = """
            # mondo-catalog 1
            # path\ttype\tmode\tuid\tgid\tuser\tgroup\tmtime\tsize\trdev\tlink\tsparse\tsha256\twhere\tcodec\txattrs
            /\td\t0755\t0\t0\troot\troot\t0.000000000\t0\t-\t-\t-\t-\t-\t-\t-
            /etc/tab\\there\tf\t4755\t4294967295\t4294967294\t\\x2d\twéird-\t-5.999999999\t9223372036854775807\t-\t-\ts\t\
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\tb4x128@2-3\tzst\t\
            security.capability=0x01000002,user.a\\x2cb\\x3dc=0x,trusted.\\x00=0xff
            /dev/sda1\tb\t0660\t0\t6\troot\tdisk\t1700000000.000000123\t0\t8,1\t-\t-\t-\t-\t-\t-
            /caf\\xe9/\\\\n\\n\\x7fé€😀\tl\t0777\t1000\t100\t-\t-\t1700000000.100000000\t11\t-\t\\x2d\t-\t-\t-\t-\t-
            /lib/ld.so\tl\t0777\t0\t0\troot\troot\t1.000000000\t11\t-\t../x\\ty\\xff\t-\t-\t-\t-\t-
            /bin/h\th\t0644\t0\t0\troot\troot\t1.000000001\t3\t-\t-\t-\tffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\ts12@1\t-\t-
            /bin/s\tf\t0644\t0\t0\troot\troot\t-9223372036854775808.000000000\t0\t-\t-\t-\t-\ts7\t-\t-
            /c\tc\t0600\t0\t0\troot\troot\t0.000000000\t0\t-1,0\t-\t-\t-\t-\t-\t-
            """;

    static List<Entry> entries() {
        Entry root = entry("/", FileType.DIRECTORY, 0755, "root", "root");
        Entry odd = entry("/etc/tab\there", FileType.REGULAR, 04755, "-", "w\u00e9ird-");
        odd.uid = -1;
        odd.gid = -2;
        odd.mtimeSec = -5;
        odd.mtimeNsec = 999_999_999;
        odd.size = Long.MAX_VALUE;
        odd.sparse = true;
        odd.sha256 = new byte[32];
        for (int i = 0; i < 32; i++) odd.sha256[i] = (byte) i;
        odd.big = 4;
        odd.slices = 128;
        odd.firstVolume = 2;
        odd.lastVolume = 3;
        odd.codec = "zst";
        odd.xattrs = List.of(new Xattr(b("security.capability"), new byte[] {1, 0, 0, 2}),
                new Xattr(b("user.a,b=c"), new byte[0]), new Xattr(new byte[] {'t', 'r', 'u', 's', 't', 'e', 'd', '.', 0},
                        new byte[] {(byte) 0xff}));
        Entry dev = entry("/dev/sda1", FileType.BLOCK_DEVICE, 0660, "root", "disk");
        dev.gid = 6;
        dev.mtimeSec = 1_700_000_000L;
        dev.mtimeNsec = 123;
        dev.rdevMajor = 8;
        dev.rdevMinor = 1;
        byte[] name = concat(b("/caf"), new byte[] {(byte) 0xe9}, b("/\\n\n\u007f\u00e9\u20ac\uD83D\uDE00"));
        Entry link = new Entry(name, FileType.SYMLINK);
        link.mode = 0777;
        link.uid = 1000;
        link.gid = 100;
        link.mtimeSec = 1_700_000_000L;
        link.mtimeNsec = 100_000_000;
        link.size = 11;
        link.link = b("-");
        Entry ld = entry("/lib/ld.so", FileType.SYMLINK, 0777, "root", "root");
        ld.mtimeSec = 1;
        ld.size = 11;
        ld.link = concat(b("../x\ty"), new byte[] {(byte) 0xff});
        Entry hard = entry("/bin/h", FileType.REGULAR, 0644, "root", "root");
        hard.hardLink = true;
        hard.mtimeSec = 1;
        hard.mtimeNsec = 1;
        hard.size = 3;
        hard.sha256 = new byte[32];
        java.util.Arrays.fill(hard.sha256, (byte) 0xff);
        hard.set = 12;
        hard.firstVolume = 1;
        Entry small = entry("/bin/s", FileType.REGULAR, 0644, "root", "root");
        small.mtimeSec = Long.MIN_VALUE;
        small.set = 7;
        Entry gone = entry("/gone", FileType.REGULAR, 0644, "root", "root");
        gone.gone = true;
        Entry chr = entry("/c", FileType.CHAR_DEVICE, 0600, "root", "root");
        chr.rdevMajor = -1;
        return List.of(root, odd, dev, link, ld, hard, small, gone, chr);
    }

    @Test
    void everyFieldAndEscapeGivesTheSameBytesAsBefore() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogFormat.write(out, entries());
        assertEquals(EXPECTED, out.toString(StandardCharsets.UTF_8));
    }

    private static Entry entry(String path, FileType t, int mode, String user, String group) {
        Entry e = new Entry(b(path), t);
        e.mode = mode;
        e.user = user;
        e.group = group;
        return e;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
