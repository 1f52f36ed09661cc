package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LibraryResolverTest {
    static final String JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @TempDir
    Path tmp;

    /** The same real files as ldd (used here only as the cross-check), the program itself aside. */
    @ParameterizedTest
    @ValueSource(strings = {"/bin/bash", "/sbin/mkfs.ext4", "/sbin/lvm", "/sbin/mdadm", "/usr/sbin/xfs_repair", JAVA,
            "/usr/lib/jvm/temurin-25-jdk-amd64/lib/server/libjvm.so", "/usr/sbin/grub-install", "/usr/bin/xorriso",
            "/usr/sbin/sfdisk", "/usr/bin/udevadm"})
    void sameLibrariesAsLdd(String program) throws Exception {
        Path p = Path.of(program);
        assumeTrue(Files.exists(p), program + " is not installed");
        assumeTrue(Host.has("ldd"), "no ldd to compare with");
        FileSet fs = LibraryResolver.system().closure(p);
        Set<String> ours = new TreeSet<>();
        for (Path f : fs.files()) if (!f.equals(p.toRealPath())) ours.add(f.toString());
        assertEquals(new TreeSet<>(Host.ldd(p)), ours, program);
    }

    @Test
    void symlinksAreKeptWithTheirTargets() throws Exception {
        assumeTrue(Files.exists(Path.of("/sbin/mkfs.ext4")) && Files.isSymbolicLink(Path.of("/sbin/mkfs.ext4").toRealPath().getParent().resolve("mkfs.ext4")));
        FileSet fs = LibraryResolver.system().closure(Path.of("/sbin/mkfs.ext4"));
        Path link = Path.of("/sbin").toRealPath().resolve("mkfs.ext4");
        assertTrue(fs.entries().contains(new FileSet.Entry(link, FileSet.Kind.SYMLINK, "mke2fs")), fs.entries().toString());
        assertTrue(fs.files().contains(link.resolveSibling("mke2fs")));
        // libext2fs.so.2 is a link to libext2fs.so.2.4: both are there.
        var libLinks = fs.entries().stream().filter(e -> e.kind() == FileSet.Kind.SYMLINK
                && e.path().getFileName().toString().equals("libext2fs.so.2")).toList();
        assertEquals(1, libLinks.size(), fs.entries().toString());
        assertTrue(fs.files().contains(libLinks.getFirst().path().resolveSibling(libLinks.getFirst().target())));
        // The loader is named by PT_INTERP: its path (and the links on the way) and the file.
        assertTrue(fs.paths().stream().anyMatch(x -> x.getFileName().toString().equals("ld-linux-x86-64.so.2")
                && fs.files().contains(x)));
    }

    @Test
    void javaFindsLibjliThroughRpathOrigin() throws Exception {
        Path java = Path.of(JAVA);
        assumeTrue(Files.exists(java), "no Temurin 25");
        assertEquals("$ORIGIN:$ORIGIN/../lib", ElfFile.read(java).dynamic().rpath().orElseThrow());
        FileSet fs = LibraryResolver.system().closure(java);
        assertTrue(fs.files().contains(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/libjli.so")), fs.files().toString());
    }

    @Test
    void rpathIsInheritedByWhatTheProgramLoads() throws IOException {
        Path exe = ElfFixture.lib(null, "libone.so").rpath("$ORIGIN/r").write(tmp.resolve("bin/exe"));
        ElfFixture.lib("libone.so", "libtwo.so").write(tmp.resolve("bin/r/libone.so"));
        ElfFixture.lib("libtwo.so").write(tmp.resolve("bin/r/libtwo.so"));
        FileSet fs = resolver().closure(exe);
        assertEquals(List.of(exe, tmp.resolve("bin/r/libone.so"), tmp.resolve("bin/r/libtwo.so")), fs.files());
    }

    @Test
    void runpathIsNotInherited() throws IOException {
        Path exe = ElfFixture.lib(null, "libone.so").runpath("$ORIGIN/r").write(tmp.resolve("bin/exe"));
        ElfFixture.lib("libone.so", "libtwo.so").write(tmp.resolve("bin/r/libone.so"));
        ElfFixture.lib("libtwo.so").write(tmp.resolve("bin/r/libtwo.so"));
        IOException x = assertThrows(IOException.class, () -> resolver().closure(exe));
        assertTrue(x.getMessage().contains("libtwo.so (needed by " + tmp.resolve("bin/r/libone.so") + ")"), x.getMessage());
        assertFalse(x.getMessage().contains("libone.so (needed"), x.getMessage());
    }

    @Test
    void runpathHidesRpathOfTheSameObject() throws IOException {
        ElfFixture f = ElfFixture.lib(null, "libx.so").rpath("$ORIGIN/a").runpath("$ORIGIN/b");
        Path exe = f.write(tmp.resolve("exe"));
        ElfFixture.lib("libx.so").write(tmp.resolve("a/libx.so"));
        ElfFixture.lib("libx.so").write(tmp.resolve("b/libx.so"));
        assertTrue(resolver().closure(exe).files().contains(tmp.resolve("b/libx.so")));
        // Without the RUNPATH, the RPATH's.
        Path exe2 = ElfFixture.lib(null, "libx.so").rpath("$ORIGIN/a").write(tmp.resolve("exe2"));
        assertTrue(resolver().closure(exe2).files().contains(tmp.resolve("a/libx.so")));
    }

    @Test
    void searchOrderIsRpathCacheThenDefaultDirs() throws IOException {
        Path sys = Files.createDirectories(tmp.resolve("sys"));
        ElfFixture.lib("libc.so").write(sys.resolve("libc.so"));
        ElfFixture.lib("libc.so").write(tmp.resolve("cached/libc.so"));
        ElfFixture.lib("libc.so").write(tmp.resolve("rp/libc.so"));
        LdSoCache cache = cache(Map.of("libc.so", tmp.resolve("cached/libc.so").toString()));
        Path plain = ElfFixture.lib(null, "libc.so").write(tmp.resolve("plain"));
        assertTrue(new LibraryResolver(LdSoCache.empty(), List.of(sys)).closure(plain).files().contains(sys.resolve("libc.so")));
        assertTrue(new LibraryResolver(cache, List.of(sys)).closure(plain).files().contains(tmp.resolve("cached/libc.so")));
        Path withRpath = ElfFixture.lib(null, "libc.so").rpath(tmp.resolve("rp").toString()).write(tmp.resolve("rpathed"));
        assertTrue(new LibraryResolver(cache, List.of(sys)).closure(withRpath).files().contains(tmp.resolve("rp/libc.so")));
        // A cache entry whose file is gone: on to the default directories.
        Files.delete(tmp.resolve("cached/libc.so"));
        assertTrue(new LibraryResolver(cache, List.of(sys)).closure(plain).files().contains(sys.resolve("libc.so")));
        // DF_1_NODEFLIB: neither the cache nor the default directories.
        ElfFixture nodeflib = ElfFixture.lib(null, "libc.so");
        nodeflib.flags1 = ElfFile.DF_1_NODEFLIB;
        Path n = nodeflib.write(tmp.resolve("nodeflib"));
        assertThrows(IOException.class, () -> new LibraryResolver(cache, List.of(sys)).closure(n));
    }

    @Test
    void dynamicStringTokensAreExpanded() throws IOException {
        Path exe = ElfFixture.lib(null, "liba.so", "libb.so").rpath("$ORIGIN/$LIB:${ORIGIN}/p/${PLATFORM}")
                .write(tmp.resolve("exe"));
        ElfFixture.lib("liba.so").write(tmp.resolve("lib/x86_64-linux-gnu/liba.so"));
        ElfFixture.lib("libb.so").write(tmp.resolve("p/x86_64/libb.so"));
        FileSet fs = resolver().closure(exe);
        assertTrue(fs.files().containsAll(List.of(tmp.resolve("lib/x86_64-linux-gnu/liba.so"), tmp.resolve("p/x86_64/libb.so"))),
                fs.files().toString());
        assertEquals(List.of(Path.of("/o/x"), Path.of("/lib/i386-linux-gnu"), Path.of("/v/i686")),
                LibraryResolver.expand("$ORIGIN/x::rel/dir:/$LIB:/v/$PLATFORM", Path.of("/o"), "lib/i386-linux-gnu", "i686"));
    }

    @Test
    void librariesOfAnotherClassOrMachineAreSkipped() throws IOException {
        Path exe = ElfFixture.lib(null, "libw.so").rpath("$ORIGIN/first").write(tmp.resolve("exe"));
        ElfFixture.lib("libw.so").elf32().write(tmp.resolve("first/libw.so"));
        Path sys = tmp.resolve("sys");
        ElfFixture.lib("libw.so").write(sys.resolve("libw.so"));
        assertTrue(new LibraryResolver(LdSoCache.empty(), List.of(sys)).closure(exe).files().contains(sys.resolve("libw.so")));
    }

    @Test
    void eachLibraryOnceAndSymlinksKept() throws IOException {
        Path exe = ElfFixture.lib(null, "liba.so", "libb.so").rpath("$ORIGIN/l").write(tmp.resolve("exe"));
        ElfFixture.lib("liba.so", "libc.so.1").write(tmp.resolve("l/liba.so"));
        ElfFixture.lib("libb.so", "libc.so.1").write(tmp.resolve("l/libb.so"));
        ElfFixture.lib("libc.so.1").write(tmp.resolve("l/libc.so.1.0"));
        Files.createSymbolicLink(tmp.resolve("l/libc.so.1"), Path.of("libc.so.1.0"));
        FileSet fs = resolver().closure(exe);
        Path t = tmp.toRealPath();
        assertEquals(List.of(t.resolve("exe"), t.resolve("l/liba.so"), t.resolve("l/libb.so"), t.resolve("l/libc.so.1"),
                t.resolve("l/libc.so.1.0")), fs.paths());
        assertEquals(FileSet.Kind.SYMLINK, fs.entries().get(3).kind());
    }

    @Test
    void missingLoaderIsAClearError() throws IOException {
        Path exe = ElfFixture.lib(null, "libc.so.6").interp(tmp.resolve("no/ld.so").toString()).write(tmp.resolve("exe"));
        IOException x = assertThrows(IOException.class, () -> resolver().closure(exe));
        assertTrue(x.getMessage().contains("dynamic loader"), x.getMessage());
    }

    @Test
    void staticProgramIsJustItself() throws IOException {
        Path exe = new ElfFixture().write(tmp.resolve("static"));
        assertEquals(List.of(exe), resolver().closure(exe).files());
    }

    /** Real objects built by gcc, checked against ldd: RPATH reaches the libraries' own needs, RUNPATH does not. */
    @Test
    void gccBuiltChainAgreesWithLdd() throws Exception {
        assumeTrue(Host.has("gcc") && Host.has("ldd"), "no gcc or ldd");
        Path d = tmp.toRealPath();
        Files.writeString(d.resolve("two.c"), "int two(void){return 2;}\n");
        Files.writeString(d.resolve("one.c"), "int two(void); int one(void){return two();}\n");
        Files.writeString(d.resolve("main.c"), "int one(void); int main(void){return one();}\n");
        Path lib = Files.createDirectories(d.resolve("lib"));
        gcc("-shared", "-fPIC", "-o", lib + "/libtwo.so", d + "/two.c");
        gcc("-shared", "-fPIC", "-o", lib + "/libone.so", d + "/one.c", "-L" + lib, "-ltwo");
        gcc("-o", d + "/rpath", d + "/main.c", "-L" + lib, "-lone", "-Wl,-rpath-link," + lib, "-Wl,--disable-new-dtags", "-Wl,-rpath,$ORIGIN/lib");
        gcc("-o", d + "/runpath", d + "/main.c", "-L" + lib, "-lone", "-Wl,-rpath-link," + lib, "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/lib");

        FileSet fs = LibraryResolver.system().closure(d.resolve("rpath"));
        List<String> ours = new ArrayList<>();
        for (Path f : fs.files()) if (!f.equals(d.resolve("rpath"))) ours.add(f.toString());
        assertEquals(new TreeSet<>(Host.ldd(d.resolve("rpath"))), new TreeSet<>(ours));
        assertTrue(ours.contains(lib + "/libtwo.so"));

        assertTrue(Host.ldd(d.resolve("runpath")).contains("!libtwo.so"), "ldd finds no libtwo.so through RUNPATH");
        IOException x = assertThrows(IOException.class, () -> LibraryResolver.system().closure(d.resolve("runpath")));
        assertTrue(x.getMessage().contains("libtwo.so"), x.getMessage());
    }

    private static void gcc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(List.of(args));
        Host.Run r = Host.run(cmd.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
    }

    private LibraryResolver resolver() {
        return new LibraryResolver(LdSoCache.empty(), List.of(tmp.resolve("nowhere")));
    }

    /** An ld.so.cache in the new format with x86-64 entries. */
    static LdSoCache cache(Map<String, String> sonameToPath) throws IOException {
        Map<String, String> m = new LinkedHashMap<>(sonameToPath);
        int n = m.size();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringsAt = 48 + n * 24;
        ByteBuffer b = ByteBuffer.allocate(stringsAt).order(ByteOrder.LITTLE_ENDIAN);
        b.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        b.putInt(20, n);
        b.put(28, (byte) 2);
        int i = 0;
        for (var e : m.entrySet()) {
            int o = 48 + i++ * 24;
            int key = stringsAt + strings.size();
            strings.write((e.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
            int value = stringsAt + strings.size();
            strings.write((e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
            b.putInt(o, 0x0303).putInt(o + 4, key).putInt(o + 8, value);
        }
        b.putInt(24, strings.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(b.array());
        all.write(strings.toByteArray());
        return LdSoCache.parse(all.toByteArray(), "test cache");
    }
}
