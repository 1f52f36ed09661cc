package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mondo.nativeio.FileType;

class CatalogFormatTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Entry entry(String path, FileType t) {
        Entry e = new Entry(b(path), t);
        e.mode = t == FileType.DIRECTORY ? 0755 : 0644;
        e.uid = 1000;
        e.gid = 100;
        e.user = "alice";
        e.group = "users";
        e.mtimeSec = 1_700_000_000L;
        e.mtimeNsec = 123;
        return e;
    }

    private static List<Entry> roundTrip(List<Entry> in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogFormat.write(out, in);
        return CatalogFormat.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static void assertSame(Entry a, Entry b) {
        String what = a.toString();
        assertArrayEquals(a.path, b.path, what);
        assertEquals(a.type, b.type, what);
        assertEquals(a.hardLink, b.hardLink, what);
        assertEquals(a.mode, b.mode, what);
        assertEquals(a.uid, b.uid, what);
        assertEquals(a.gid, b.gid, what);
        assertEquals(a.user, b.user, what);
        assertEquals(a.group, b.group, what);
        assertEquals(a.mtimeSec, b.mtimeSec, what);
        assertEquals(a.mtimeNsec, b.mtimeNsec, what);
        assertEquals(a.size, b.size, what);
        assertEquals(a.rdevMajor, b.rdevMajor, what);
        assertEquals(a.rdevMinor, b.rdevMinor, what);
        assertArrayEquals(a.link, b.link, what);
        assertEquals(a.sparse, b.sparse, what);
        assertArrayEquals(a.sha256, b.sha256, what);
        assertEquals(a.codec, b.codec, what);
        assertEquals(a.set, b.set, what);
        assertEquals(a.big, b.big, what);
        assertEquals(a.slices, b.slices, what);
        assertEquals(a.firstVolume, b.firstVolume, what);
        assertEquals(a.lastVolume, b.lastVolume, what);
        assertEquals(a.xattrs, b.xattrs, what);
    }

    @Test
    void everyEntryTypeRoundTrips() throws IOException {
        List<Entry> in = new ArrayList<>();
        Entry root = entry("/", FileType.DIRECTORY);
        root.uid = 0;
        root.gid = 0;
        root.user = "root";
        root.group = "root";
        in.add(root);
        Entry dir = entry("/etc", FileType.DIRECTORY);
        dir.mode = 01777;
        dir.set = 1;
        dir.firstVolume = 1;
        dir.lastVolume = 1;
        in.add(dir);

        Entry file = entry("/etc/passwd", FileType.REGULAR);
        file.size = 2345;
        file.sha256 = new byte[32];
        new Random(1).nextBytes(file.sha256);
        file.codec = "zst";
        file.set = 12;
        file.firstVolume = 1;
        file.lastVolume = 1;
        file.mode = 04755;
        in.add(file);

        Entry hard = entry("/etc/passwd.link", FileType.REGULAR);
        hard.hardLink = true;
        hard.link = b("/etc/passwd");
        hard.size = 2345;
        hard.set = 12;
        hard.firstVolume = 1;
        hard.lastVolume = 1;
        in.add(hard);

        Entry big = entry("/var/big.img", FileType.REGULAR);
        big.size = 5L << 30;
        big.sparse = true;
        big.big = 4;
        big.slices = 128;
        big.firstVolume = 2;
        big.lastVolume = 3;
        big.sha256 = new byte[32];
        in.add(big);

        Entry sym = entry("/etc/localtime", FileType.SYMLINK);
        sym.mode = 0777;
        sym.link = b("/usr/share/zoneinfo/Europe/Paris");
        sym.size = sym.link.length;
        in.add(sym);

        Entry chr = entry("/dev/null", FileType.CHAR_DEVICE);
        chr.rdevMajor = 1;
        chr.rdevMinor = 3;
        in.add(chr);
        Entry blk = entry("/dev/nvme0n1p300", FileType.BLOCK_DEVICE);
        blk.rdevMajor = 259;
        blk.rdevMinor = 1048575;
        in.add(blk);
        Entry fifo = entry("/run/fifo", FileType.FIFO);
        in.add(fifo);
        Entry sock = entry("/run/sock", FileType.SOCKET);
        sock.user = null;
        sock.group = null;
        in.add(sock);

        List<Entry> back = roundTrip(in);
        assertEquals(in.size(), back.size());
        for (int i = 0; i < in.size(); i++) assertSame(in.get(i), back.get(i));
        assertTrue(back.get(3).hardLink);
        assertFalse(back.get(3).hasContent());
        assertNull(back.get(9).user);
        assertNull(back.get(9).group);
    }

    @Test
    void locationsAreWrittenAsDocumented() throws IOException {
        Entry s = entry("/a", FileType.REGULAR);
        s.set = 12;
        s.firstVolume = 1;
        s.lastVolume = 1;
        assertEquals("s12@1", CatalogFormat.where(s));
        Entry b = entry("/b", FileType.REGULAR);
        b.big = 4;
        b.slices = 128;
        b.firstVolume = 2;
        b.lastVolume = 3;
        assertEquals("b4x128@2-3", CatalogFormat.where(b));
        Entry none = entry("/c", FileType.DIRECTORY);
        assertEquals("-", CatalogFormat.where(none));
        Entry noVol = entry("/d", FileType.REGULAR);
        noVol.set = 7;
        assertEquals("s7", CatalogFormat.where(noVol));

        String text = "# mondo-catalog 1\n"
                + "/b\tf\t0644\t0\t0\troot\troot\t1.000000000\t10\t-\t-\t-\t-\tb4x128@2-3\tzst\t-\n";
        Entry back = CatalogFormat.read(new ByteArrayInputStream(b(text))).get(0);
        assertEquals(4, back.big);
        assertEquals(128, back.slices);
        assertEquals(2, back.firstVolume);
        assertEquals(3, back.lastVolume);
        assertEquals(0, back.set);
    }

    @Test
    void oddXattrNamesAndValuesRoundTrip() throws IOException {
        Entry e = entry("/x", FileType.REGULAR);
        e.xattrs = List.of(
                new Xattr(b("user.a,b"), b("v1")),
                new Xattr(b("user.k=v"), b("=0x12,")),
                new Xattr(b("user.new\nline"), new byte[] {0, 1, 2, (byte) 0xff}),
                new Xattr(b("user.tab\there\\back"), new byte[0]),
                new Xattr(new byte[] {'u', 's', 'e', 'r', '.', (byte) 0xff, '=', '0', 'x'}, b("tricky")),
                new Xattr(b("security.selinux"), b("system_u:object_r:etc_t:s0\0")));
        List<Entry> back = roundTrip(List.of(e));
        assertEquals(e.xattrs, back.get(0).xattrs);
    }

    @Test
    void nonUtf8AndControlCharacterPathsRoundTrip() throws IOException {
        Random rnd = new Random(7);
        List<Entry> in = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] name = new byte[1 + rnd.nextInt(30)];
            rnd.nextBytes(name);
            for (int k = 0; k < name.length; k++) if (name[k] == 0 || name[k] == '/') name[k] = 'x';
            byte[] path = new byte[name.length + 1];
            path[0] = '/';
            System.arraycopy(name, 0, path, 1, name.length);
            Entry e = new Entry(path, FileType.SYMLINK);
            e.mode = 0777;
            byte[] target = new byte[1 + rnd.nextInt(20)];
            rnd.nextBytes(target);
            for (int k = 0; k < target.length; k++) if (target[k] == 0) target[k] = 'y';
            e.link = target;
            e.size = target.length;
            in.add(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogFormat.write(out, in);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(in.size() + 2, text.split("\n", -1).length - 1, "one line per entry plus the two headers");
        List<Entry> back = CatalogFormat.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(in.size(), back.size());
        for (int i = 0; i < in.size(); i++) assertSame(in.get(i), back.get(i));
    }

    @Test
    void goneEntriesAreLeftOut() throws IOException {
        Entry a = entry("/a", FileType.REGULAR);
        Entry gone = entry("/gone", FileType.REGULAR);
        gone.gone = true;
        List<Entry> back = roundTrip(List.of(a, gone));
        assertEquals(1, back.size());
        assertArrayEquals(b("/a"), back.get(0).path);
    }

    @Test
    void headerNamesFormatAndColumns() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogFormat.write(out, List.of());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("# mondo-catalog 1", lines[0]);
        assertEquals(16, lines[1].split("\t").length);
        assertTrue(CatalogFormat.read(new ByteArrayInputStream(out.toByteArray())).isEmpty());
    }

    @Test
    void newerFormatVersionIsRefusedClearly() {
        String text = "# mondo-catalog 2\n# path\n/a\tf\t0644\t0\t0\t-\t-\t1.000000000\t0\t-\t-\t-\t-\t-\t-\t-\t-\n";
        IOException e = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b(text))));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertTrue(e.getMessage().contains("mondorestore"), e.getMessage());
    }

    @Test
    void notACatalogIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b("hello\n"))));
        assertTrue(e.getMessage().contains("not a mondo catalog"), e.getMessage());
        assertThrows(IOException.class, () -> CatalogFormat.read(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void damagedLineNamesItsLineNumber() throws IOException {
        Entry a = entry("/a", FileType.REGULAR);
        Entry c = entry("/c", FileType.REGULAR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogFormat.write(out, List.of(a, c));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        // lines: 1 magic, 2 columns, 3 "/a", 4 "/c"
        String damagedMode = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3].replace("\t0644\t", "\t09x\t") + "\n";
        IOException e = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b(damagedMode))));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());

        String truncated = lines[0] + "\n" + lines[1] + "\n" + lines[2].substring(0, 10) + "\n";
        IOException t = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b(truncated))));
        assertTrue(t.getMessage().contains("line 3"), t.getMessage());
        assertTrue(t.getMessage().contains("16 fields"), t.getMessage());

        String badEscape = lines[0] + "\n" + lines[1] + "\n\n" + lines[2].replace("/a", "/a\\q") + "\n";
        IOException be = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b(badEscape))));
        assertTrue(be.getMessage().contains("line 4"), "blank lines count too: " + be.getMessage());

        String badType = lines[0] + "\n" + lines[1] + "\n" + lines[2].replace("\tf\t", "\tZ\t") + "\n";
        IOException bt = assertThrows(IOException.class,
                () -> CatalogFormat.read(new ByteArrayInputStream(b(badType))));
        assertTrue(bt.getMessage().contains("line 3"), bt.getMessage());
    }

    @Test
    void symlinkToADashKeepsItsTarget() throws IOException {
        // "ln -s - name" is legal; "-" also marks an empty field in the catalog.
        Entry sym = entry("/usr/bin/dash-link", FileType.SYMLINK);
        sym.mode = 0777;
        sym.link = b("-");
        sym.size = 1;
        Entry back = roundTrip(List.of(sym)).get(0);
        assertArrayEquals(b("-"), back.link, "the target \"-\" is read back as no target");
    }

    @Test
    void uidAndGidAboveTwoToThe31RoundTrip() throws IOException {
        // uids are unsigned 32-bit (user namespaces, some LDAP/AD setups hand out ids above 2^31)
        Entry e = entry("/home/ad-user/file", FileType.REGULAR);
        e.uid = (int) 3_000_000_000L;
        e.gid = (int) 4_294_967_294L;
        Entry back = roundTrip(List.of(e)).get(0);
        assertEquals(Integer.toUnsignedString(e.uid), Integer.toUnsignedString(back.uid));
        assertEquals(Integer.toUnsignedString(e.gid), Integer.toUnsignedString(back.gid));
    }

    @Test
    void mtimeBeforeEpochRoundTrips() throws IOException {
        Entry e = entry("/old", FileType.REGULAR);
        e.mtimeSec = -1;
        e.mtimeNsec = 999_999_999;
        Entry back = roundTrip(List.of(e)).get(0);
        assertEquals(-1, back.mtimeSec);
        assertEquals(999_999_999, back.mtimeNsec);
    }
}
