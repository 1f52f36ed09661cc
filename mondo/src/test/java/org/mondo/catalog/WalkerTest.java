package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.nativeio.FileType;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.nativeio.PathBytes;

class WalkerTest {
    @TempDir
    Path tmp;
    Path root;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] abs(String rel) {
        return b(root.resolve(rel).toString());
    }

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectories(root.resolve("dir/sub"));
        Files.writeString(root.resolve("dir/sub/deep.txt"), "deep");
        Files.writeString(root.resolve("b.txt"), "bbb");
        Files.writeString(root.resolve("a.txt"), "aaaa");
        Files.writeString(root.resolve("B"), "capital");
        Files.writeString(root.resolve("x"), "plain x");
        Files.writeString(root.resolve("x.zst"), "pretend zstd");
        Files.writeString(root.resolve("y"), "y without a zst sibling");
        Files.createSymbolicLink(root.resolve("link-to-dir"), root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Files.createDirectories(root.resolve("skipme/inner"));
        Files.writeString(root.resolve("skipme/inner/f"), "never seen");
        Files.writeString(root.resolve("skipfile"), "never seen");
        Files.writeString(root.resolve("h1"), "hard");
        Files.createLink(root.resolve("h2"), root.resolve("h1"));
        Files.createLink(root.resolve("dir/h3"), root.resolve("h1"));
    }

    private Walker.Result walk(List<byte[]> includes, List<byte[]> excludes, String suffix) {
        return new Walker(new Selection(includes, excludes), UserNames.load(Path.of("/etc")), suffix, null).walk();
    }

    private Walker.Result walkRoot() {
        return walk(List.of(b(root.toString())), List.of(abs("skipme"), abs("skipfile")), "zst");
    }

    private static Map<String, Entry> byPath(List<Entry> es) {
        return es.stream().collect(Collectors.toMap(e -> new String(e.path, StandardCharsets.UTF_8),
                Function.identity(), (a, c) -> {
                    throw new AssertionError("duplicate entry " + a);
                }));
    }

    @Test
    void handsEachEntryOnInCatalogOrderAsItIsFound() {
        List<Entry> seen = new ArrayList<>();
        Walker.Result r = new Walker(new Selection(List.of(b(root.toString())), List.of()),
                UserNames.load(Path.of("/etc")), "zst", null).walk(seen::add);
        assertEquals(r.entries(), seen);
        Entry h2 = byPath(seen).get(root.resolve("h2").toString());
        assertTrue(seen.indexOf(byPath(seen).get(root.resolve("h1").toString())) < seen.indexOf(h2),
                "a hard link's leader comes before it");
    }

    @Test
    void emitsAncestorsThenTheTreeInByteOrder() {
        Walker.Result r = walkRoot();
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        List<String> paths = r.entries().stream().map(e -> new String(e.path, StandardCharsets.UTF_8)).toList();

        // ancestors of the include root first, outermost first
        List<String> ancestors = new ArrayList<>();
        for (Path p = root.getParent(); p != null; p = p.getParent()) ancestors.add(0, p.toString());
        assertEquals(ancestors, paths.subList(0, ancestors.size()));
        assertEquals(root.toString(), paths.get(ancestors.size()));

        String r0 = root + "/";
        List<String> expected = List.of(r0 + "B", r0 + "a.txt", r0 + "b.txt", r0 + "dangling", r0 + "dir",
                r0 + "dir/h3", r0 + "dir/sub", r0 + "dir/sub/deep.txt", r0 + "h1", r0 + "h2", r0 + "link-to-dir",
                r0 + "skipme", r0 + "x", r0 + "x.zst", r0 + "y");
        assertEquals(expected, paths.subList(ancestors.size() + 1, paths.size()));
    }

    @Test
    void entriesOfEachDirectoryAreInUnsignedByteOrder() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("order"));
        byte[] dir = b(d.toString());
        int fd = Libc.open(dir, Libc.O_RDONLY | Libc.O_DIRECTORY, 0);
        byte[][] names = {{'Z'}, {'a'}, {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xff}, {'.', 'h'}, {'0'}, {'~'}, {'a', 'a'}};
        try {
            for (byte[] n : names) {
                int f = Libc.openAt(fd, n, Libc.O_WRONLY | Libc.O_CREAT, 0644);
                Libc.close(f);
            }
        } finally {
            Libc.close(fd);
        }
        Walker.Result r = walk(List.of(dir), List.of(), "");
        List<byte[]> got = r.entries().stream().filter(e -> PathBytes.isAtOrBelow(e.path, dir) && e.path.length > dir.length)
                .map(e -> PathBytes.fileName(e.path)).toList();
        List<byte[]> want = new ArrayList<>(Arrays.asList(names));
        want.sort(Arrays::compareUnsigned);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), got.get(i), "position " + i);
        assertArrayEquals(new byte[] {(byte) 0xff}, got.get(got.size() - 1), "0xff sorts last (unsigned)");
    }

    @Test
    void symlinksAreNotFollowed() {
        Map<String, Entry> m = byPath(walkRoot().entries());
        Entry l = m.get(root + "/link-to-dir");
        assertEquals(FileType.SYMLINK, l.type);
        assertArrayEquals(b(root.resolve("dir").toString()), l.link);
        assertEquals(l.link.length, l.size);
        assertFalse(m.containsKey(root + "/link-to-dir/sub"), "nothing below a symlink to a directory");
        Entry dangling = m.get(root + "/dangling");
        assertArrayEquals(b("nowhere"), dangling.link);
    }

    @Test
    void excludedDirectoryIsKeptEmptyAndExcludedFileIsLeftOut() {
        Map<String, Entry> m = byPath(walkRoot().entries());
        Entry skip = m.get(root + "/skipme");
        assertNotNull(skip, "an excluded directory is kept");
        assertEquals(FileType.DIRECTORY, skip.type);
        assertFalse(m.containsKey(root + "/skipme/inner"));
        assertFalse(m.containsKey(root + "/skipme/inner/f"));
        assertFalse(m.containsKey(root + "/skipfile"), "an excluded file is left out");
    }

    @Test
    void hardLinksPointAtTheFirstPath() {
        List<Entry> es = walkRoot().entries();
        Map<String, Entry> m = byPath(es);
        Entry dirH3 = m.get(root + "/dir/h3"); // first in walk order
        Entry h1 = m.get(root + "/h1");
        Entry h2 = m.get(root + "/h2");
        assertFalse(dirH3.hardLink);
        assertNull(dirH3.link);
        assertTrue(dirH3.hasContent());
        assertTrue(h1.hardLink);
        assertArrayEquals(dirH3.path, h1.link);
        assertTrue(h2.hardLink);
        assertArrayEquals(dirH3.path, h2.link);
        assertEquals(4, h2.size);
        assertEquals(3, h1.nlink);
        assertFalse(h1.hasContent());
    }

    @Test
    void aFileBesideItsSuffixedTwinIsStoredRaw() {
        Map<String, Entry> m = byPath(walkRoot().entries());
        assertTrue(m.get(root + "/x").storeRaw, "x next to x.zst");
        assertFalse(m.get(root + "/x.zst").storeRaw);
        assertFalse(m.get(root + "/y").storeRaw);
        // without a codec there is nothing to clash with
        Map<String, Entry> none = byPath(walk(List.of(b(root.toString())), List.of(), "").entries());
        assertFalse(none.get(root + "/x").storeRaw);
        // another codec's suffix does not clash
        Map<String, Entry> gz = byPath(walk(List.of(b(root.toString())), List.of(), "gz").entries());
        assertFalse(gz.get(root + "/x").storeRaw);
    }

    @Test
    void metadataAndXattrsAreRead() throws Exception {
        byte[] f = abs("a.txt");
        try {
            Libc.setXattr(f, b("user.b"), b("second"));
            Libc.setXattr(f, b("user.a"), b("first"));
        } catch (NativeException e) {
            assumeTrue(false, "no user xattrs here: " + e.getMessage());
        }
        Entry a = byPath(walkRoot().entries()).get(root + "/a.txt");
        assertEquals(FileType.REGULAR, a.type);
        assertEquals(4, a.size);
        assertEquals(Libc.lstat(f).mtimeNsec(), a.mtimeNsec);
        List<String> names = a.xattrs.stream().filter(x -> x.nameString().startsWith("user."))
                .map(Xattr::nameString).toList();
        assertEquals(List.of("user.a", "user.b"), names, "sorted by name");
        assertArrayEquals(b("first"), a.xattrs.stream().filter(x -> x.nameString().equals("user.a")).findFirst()
                .orElseThrow().value());
        if (Libc.geteuid() == 0) {
            assertEquals("root", a.user);
        }
    }

    @Test
    void sparseFileIsFlagged() throws Exception {
        Path s = root.resolve("sparse.img");
        try (RandomAccessFile raf = new RandomAccessFile(s.toFile(), "rw")) {
            raf.setLength(64L << 20);
            raf.seek(32L << 20);
            raf.write(1);
        }
        assumeTrue(Libc.lstat(b(s.toString())).looksSparse(), "file system without holes");
        Map<String, Entry> m = byPath(walkRoot().entries());
        assertTrue(m.get(root + "/sparse.img").sparse);
        assertEquals(64L << 20, m.get(root + "/sparse.img").size);
        assertFalse(m.get(root + "/a.txt").sparse);
    }

    @Test
    void missingIncludeRootIsAProblemNotACrash() {
        Walker.Result r = walk(List.of(abs("does-not-exist"), b(root.resolve("dir").toString())), List.of(), "");
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("No such file or directory"), r.problems().get(0));
        assertTrue(byPath(r.entries()).containsKey(root + "/dir/sub/deep.txt"));
    }

    @Test
    void anIncludeRootBelowAnotherIsNotListedTwice() {
        Walker.Result r = walk(List.of(b(root.toString()), abs("dir")), List.of(), "");
        byPath(r.entries()); // throws on duplicates
        assertTrue(byPath(r.entries()).containsKey(root + "/dir/sub/deep.txt"));
    }

    @Test
    void anIncludeRootThatIsAnAncestorOfAnEarlierOneIsStillWalked() {
        // -I "/srv/a/dir /srv/a": the second root was already emitted as an ancestor of the first
        Walker.Result r = walk(List.of(abs("dir"), b(root.toString())), List.of(), "");
        Map<String, Entry> m = byPath(r.entries());
        assertTrue(m.containsKey(root + "/dir/sub/deep.txt"));
        assertTrue(m.containsKey(root + "/a.txt"), "the rest of the second include root is walked too");
        assertTrue(m.containsKey(root + "/x.zst"));
    }

    @Test
    void includingTheRootDirectoryWalksBelowIt() throws Exception {
        // mondoarchive's default is -I /. Exclude every top-level entry so the walk stays small:
        // each excluded directory must still appear (kept empty).
        List<byte[]> excludes = new ArrayList<>();
        List<String> topDirs = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(Path.of("/"))) {
            for (Path p : ds) {
                excludes.add(b(p.toString()));
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) topDirs.add(p.toString());
            }
        }
        Walker.Result r = walk(List.of(new byte[] {'/'}), excludes, "zst");
        Map<String, Entry> m = byPath(r.entries());
        assertTrue(m.containsKey("/"));
        for (String d : topDirs) assertTrue(m.containsKey(d), d + " is kept as an empty directory");
    }
}
