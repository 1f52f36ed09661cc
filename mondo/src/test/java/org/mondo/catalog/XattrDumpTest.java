package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;

class XattrDumpTest {
    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- exact text

    @Test
    void quotesLikeGetfattr() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XattrDump dump = new XattrDump(out);
        assertTrue(dump.add(bytes("a b\nc\td\\e\re=f", 0xff, " "), List.of(
                x("user.z", new byte[] {0, (byte) 0xab}),
                x("user.a=b\\c\nd e", "v"),
                x("user.empty", ""),
                new Xattr(bytes("user.", 0xff), bytes("1")),
                x(Xattr.ACL_ACCESS, "ignored"))));
        assertFalse(dump.add(bytes("only-acl"), List.of(x(Xattr.ACL_DEFAULT, "x"))));
        assertTrue(dump.add(new byte[0], List.of(x("user.top", "t"))));
        byte[] expected = concat(
                bytes("# file: a b\\012c\td\\134e\\015e=f", 0xff, " \n"),
                bytes("user.a\\075b\\134c\\012d e=0x76\n"),
                bytes("user.empty=0x\n"),
                bytes("user.z=0x00ab\n"),
                bytes("user.", 0xff, "=0x31\n\n"),
                bytes("# file: .\nuser.top=0x74\n\n"));
        assertEquals(PathBytes.escape(expected), PathBytes.escape(out.toByteArray()));
    }

    @Test
    void refusesAbsolutePaths() {
        XattrDump dump = new XattrDump(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> dump.add(bytes("/etc"), List.of(x("user.a", "1"))));
    }

    @Test
    void parsesEveryValueEncodingSetfattrReads() throws IOException {
        String text = "\n\n# file: d\\134ir/f\\012 x\r\nuser.hex=0x 41 42\nuser.b64=0sQUJD\nuser.txt=\"a\\\"b\\\\c\\012\\0\"\n"
                + "user.bare=plain\nuser.noval\nuser.e\\075q=0x\n\n# file: g\nuser.a=0x00";
        List<XattrDump.Entry> got = XattrDump.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(
                new XattrDump.Entry(bytes("d\\ir/f\n x"), List.of(x("user.hex", "AB"), x("user.b64", "ABC"),
                        x("user.txt", "a\"b\\c\n\0"), x("user.bare", "plain"), x("user.noval", ""), x("user.e=q", ""))),
                new XattrDump.Entry(bytes("g"), List.of(new Xattr(bytes("user.a"), new byte[1])))), got);
        assertThrows(IOException.class, () -> XattrDump.parse(new ByteArrayInputStream(bytes("user.a=0x1\n"))));
        assertThrows(IOException.class,
                () -> XattrDump.parse(new ByteArrayInputStream(bytes("# file: a\nuser.a=0x1\n"))));
    }

    // ---------------------------------------------------------------- against the real tools

    /** Names that getfattr quotes, that it leaves raw, and that are not UTF-8 at all. */
    static final List<byte[]> ODD_NAMES = List.of(
            bytes("plain"), bytes("a b"), bytes("nl\nx"), bytes("tab\tx"), bytes("back\\slash"),
            bytes("\\012lit"), bytes("cr\rx"), bytes("", 0xff), bytes("bad", 0xff, "name"), bytes(" lead"),
            bytes("trail "), bytes("=eq"), bytes("#hash"), bytes("é"), bytes("cap file"));

    @Test
    void setfattrRestoresTheDumpByteExact() throws Exception {
        byte[] src = mkTree(tmp.resolve("src"));
        byte[] dst = mkTree(tmp.resolve("dst"));
        List<byte[]> paths = treePaths();

        // Attributes of every kind: user.* with awkward names and values, trusted.*, security.capability, ACLs.
        for (byte[] rel : paths) {
            if (!Arrays.equals(rel, bytes("link"))) Libc.setXattr(abs(src, rel), bytes("user.name"), rel); // user.* not on symlinks
        }
        byte[] plain = abs(src, bytes("plain"));
        Libc.setXattr(plain, bytes("user.a=b\\c\nd e\tf"), bytes("odd name"));
        Libc.setXattr(plain, bytes("user.", 0xfe), bytes("latin"));
        Libc.setXattr(plain, bytes("user.empty"), new byte[0]);
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
        Libc.setXattr(plain, bytes("user.binary"), big);
        Libc.setXattr(plain, bytes("trusted.admin"), bytes("root only\n"));
        Libc.setXattr(abs(src, bytes("link")), bytes("trusted.on-the-link"), bytes("not the target"));
        sh(tmp.resolve("src"), "setcap cap_net_raw+ep 'cap file' && setfacl -m u:1234:r-- plain"
                + " && setfacl -d -m u:1234:rwx 'sub dir'");
        assertNotNull(Libc.getXattr(plain, bytes(Xattr.ACL_ACCESS)));
        assertNotNull(Libc.getXattr(abs(src, bytes("cap file")), bytes("security.capability")));

        List<XattrDump.Entry> entries = new ArrayList<>();
        for (byte[] rel : paths) entries.add(new XattrDump.Entry(rel, read(abs(src, rel))));
        Path dumpFile = tmp.resolve("set-00001.xattr");
        try (var out = Files.newOutputStream(dumpFile)) {
            XattrDump.write(out, entries);
        }
        byte[] dump = Files.readAllBytes(dumpFile);
        assertFalse(new String(dump, StandardCharsets.ISO_8859_1).contains("posix_acl"), "ACLs belong in the .acl file");

        // Same blocks as getfattr prints for the same files (it walks in its own order).
        byte[] getfattr = sh(tmp.resolve("src"), "getfattr -R -h -d -e hex -m '^(user|trusted|security)\\.' .");
        assertEquals(blocks(getfattr), blocks(dump));

        // Our parser reads back what we wrote, and what getfattr writes in its automatic text/base64 encoding.
        List<XattrDump.Entry> expected = new ArrayList<>();
        for (XattrDump.Entry e : entries) {
            List<Xattr> kept = new ArrayList<>(e.xattrs().stream().filter(x -> !x.isAcl()).toList());
            kept.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
            expected.add(new XattrDump.Entry(e.path().length == 0 ? bytes(".") : e.path(), kept));
        }
        assertEquals(expected, XattrDump.parse(new ByteArrayInputStream(dump)));
        byte[] auto = sh(tmp.resolve("src"), "getfattr -R -h -d -m '^(user|trusted|security)\\.' .");
        assertEquals(new HashSet<>(expected), new HashSet<>(XattrDump.parse(new ByteArrayInputStream(auto))));

        // The restore itself, on a copy of the tree that has no attributes.
        for (byte[] rel : paths) assertEquals(List.of(), read(abs(dst, rel)), "fresh copy is bare");
        sh(tmp.resolve("dst"), "setfattr -h --restore='" + dumpFile + "'");
        int checked = 0;
        for (byte[] rel : paths) {
            List<Xattr> want = read(abs(src, rel)).stream().filter(x -> !x.isAcl()).toList();
            assertEquals(want, read(abs(dst, rel)), PathBytes.escape(rel));
            for (Xattr x : want) {
                assertArrayEquals(x.value(), Libc.getXattr(abs(dst, rel), x.name()));
                checked++;
            }
        }
        assertEquals(paths.size() + 6, checked, "attributes compared");
        assertEquals("cap_net_raw=ep", new String(sh(tmp.resolve("dst"), "getcap 'cap file'"),
                StandardCharsets.UTF_8).replace("cap file", "").strip());
    }

    // ---------------------------------------------------------------- helpers, shared with AclDumpTest

    /** Every relative path the tree holds: "" (the top), the odd names, a directory, a file in it, a symlink. */
    static List<byte[]> treePaths() {
        List<byte[]> paths = new ArrayList<>();
        paths.add(new byte[0]);
        paths.addAll(ODD_NAMES);
        paths.add(bytes("sub dir"));
        paths.add(bytes("sub dir/in\nner ", 0xff));
        paths.add(bytes("link"));
        return paths;
    }

    /** Creates the tree of treePaths() below dir (Java Paths cannot name the non-UTF-8 files, Libc can). */
    static byte[] mkTree(Path dir) throws IOException {
        Files.createDirectory(dir);
        byte[] root = dir.toString().getBytes(StandardCharsets.UTF_8);
        for (byte[] name : ODD_NAMES) touch(abs(root, name));
        Libc.mkdirAt(Libc.AT_FDCWD, abs(root, bytes("sub dir")), 0755);
        touch(abs(root, bytes("sub dir/in\nner ", 0xff)));
        Libc.symlinkAt(bytes("plain"), Libc.AT_FDCWD, abs(root, bytes("link")));
        return root;
    }

    static void touch(byte[] path) throws IOException {
        Libc.close(Libc.open(path, Libc.O_CREAT | Libc.O_EXCL | Libc.O_WRONLY, 0644));
    }

    static byte[] abs(byte[] root, byte[] rel) {
        return rel.length == 0 ? root : PathBytes.join(root, rel);
    }

    static List<Xattr> read(byte[] path) throws IOException {
        List<Xattr> out = new ArrayList<>();
        for (byte[] name : Libc.listXattrs(path)) out.add(new Xattr(name, Libc.getXattr(path, name)));
        out.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        return out;
    }

    /** Runs a shell command in dir; fails on a non-zero exit or anything on stderr. Returns stdout. */
    static byte[] sh(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals("", err, script);
        assertEquals(0, rc, script);
        return out;
    }

    /** The "\n\n"-separated blocks of a dump, each as escaped text so that failures read well. */
    static Set<String> blocks(byte[] dump) {
        Set<String> out = new HashSet<>();
        String all = new String(dump, StandardCharsets.ISO_8859_1);
        for (String b : all.split("\n\n")) {
            if (!b.isBlank()) out.add(PathBytes.escape(b.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** Text and raw byte values, e.g. bytes("bad", 0xff, "name"). */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object o : parts) {
            if (o instanceof String s) b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else b.write((Integer) o);
        }
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    static Xattr x(String name, String value) {
        return new Xattr(bytes(name), bytes(value));
    }

    static Xattr x(String name, byte[] value) {
        return new Xattr(bytes(name), value);
    }
}
