package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import com.github.luben.zstd.ZstdOutputStream;

class ModuleIndexTest {
    @TempDir
    Path tmp;

    static Path fake;

    @BeforeAll
    static void fakeTree() throws Exception {
        fake = Path.of(ModuleIndexTest.class.getResource("/deps/fake-modules/1.0-test/modules.dep").toURI()).getParent();
    }

    // ---- a hand-written modules directory: the rules ----

    @Test
    void namesAreNormalised() throws IOException {
        ModuleIndex idx = ModuleIndex.load(fake);
        assertEquals("1.0-test", idx.version());
        assertEquals("md_mod", ModuleIndex.nameOf("kernel/drivers/md/md-mod.ko.zst"));
        assertEquals("xfs", ModuleIndex.nameOf("kernel/fs/xfs/xfs.ko.xz"));
        assertEquals("crc32c_intel", ModuleIndex.nameOf("crc32c-intel.ko"));
        assertTrue(idx.isModule("c-lib") && idx.isModule("c_lib") && idx.isModule("d-x"));
        assertEquals("kernel/lib/c-lib.ko.zst", idx.relativePath("c_lib").orElseThrow());
        assertEquals(List.of("b", "c_lib"), idx.dependencies("f").subList(1, 3));
        assertTrue(idx.isBuiltin("built-in") && !idx.isModule("built_in"));
        assertThrows(IllegalArgumentException.class, () -> idx.file("nothing"));
    }

    @Test
    void lookupIsModuleThenBuiltinThenAlias() throws IOException {
        ModuleIndex idx = ModuleIndex.load(fake);
        assertEquals(Set.of("a"), idx.lookup("a"));
        assertEquals(Set.of("built_in"), idx.lookup("built-in"));
        assertEquals(Set.of("a"), idx.lookup("fs-thing"));
        assertEquals(Set.of("b"), idx.lookup("symbol:b_function"));
        assertEquals(Set.of("built_in"), idx.lookup("crypto-built")); // an alias of a built-in module
        assertEquals(Set.of(), idx.lookup("nothing-at-all"));
        assertEquals(Set.of("b", "c_lib"), idx.matchModalias("pci:v0000ABCDd00001234sv00000000sd00000000bc01sc00i00"));
        assertEquals(Set.of("b"), idx.matchModalias("pci:v0000ABCDd00009999sv00000000sd00000000bc01sc00i00"));
        assertEquals(Set.of("other"), idx.matchModalias("pci:v0000FFFFd00000001sv0sd0bc0sc0i0")); // built in
        assertEquals(Set.of("e"), idx.matchModalias("usb:v1234p0001d0100dc00dsc00dp00ic08isc06ip50in00\n"));
    }

    /** Softdeps from every line, pre before and post after the module, built-in and unknown names skipped, cycles broken. */
    @Test
    void loadOrderWithSoftdeps() throws IOException {
        ModuleIndex idx = ModuleIndex.load(fake);
        assertEquals(List.of("d_x", "c_lib", "b", "g", "a", "f", "e"), idx.loadOrder("a"));
        assertEquals(List.of("c_lib", "b"), idx.loadOrder("b"));
        assertEquals(List.of("c_lib", "b", "g"), idx.loadOrder(List.of("built_in", "g")));
        assertThrows(IllegalArgumentException.class, () -> idx.loadOrder("nothing"));
    }

    @Test
    void missingModulesDepIsAClearError() {
        IOException x = assertThrows(IOException.class, () -> ModuleIndex.load(tmp.resolve("lib/modules/0.0")));
        assertTrue(x.getMessage().contains("no modules.dep") && x.getMessage().contains("depmod"), x.getMessage());
    }

    // ---- Debian's kernel: the same answers as kmod ----

    @ParameterizedTest
    @ValueSource(strings = {"xfs", "raid456", "nvme", "virtio_blk", "ext4", "usb-storage", "dm_crypt", "sd_mod", "ahci",
            "md_mod", "virtio_scsi", "uas", "vfat", "isofs", "dm_thin_pool", "e1000e", "bnx2x", "hv_storvsc", "xen_blkfront"})
    void closureMatchesModprobe(String module) throws Exception {
        ModuleIndex idx = debian();
        List<String> order = idx.loadOrder(module);
        assertEquals(ModuleIndex.normalize(module), order.getLast());
        assertValidOrder(idx, order);
        assumeTrue(Host.has("modprobe"), "no kmod to compare with");
        Set<String> ours = new TreeSet<>(order.stream().map(m -> idx.relativePath(m).orElseThrow()).toList());
        assertEquals(modprobe(idx, module), ours);
    }

    @Test
    void knownClosures() throws Exception {
        ModuleIndex idx = debian();
        assertTrue(idx.loadOrder("raid456").containsAll(List.of("async_tx", "async_xor", "async_pq", "async_memcpy",
                "async_raid6_recov", "raid6_pq", "xor", "md_mod", "libcrc32c")));
        assertTrue(idx.loadOrder("nvme").contains("nvme_core"));
        assertTrue(idx.loadOrder("virtio_blk").containsAll(List.of("virtio", "virtio_ring")));
        assertTrue(idx.loadOrder("xfs").containsAll(List.of("libcrc32c", "crc32c_generic")));
    }

    /**
     * kmod follows only the first "softdep btrfs" line of modules.softdep; the kernel asks for
     * all of them (sha256, xxhash64, crc32c for btrfs' checksum types), and so do we.
     */
    @Test
    void everySoftdepLineCounts() throws Exception {
        ModuleIndex idx = debian();
        List<String> order = idx.loadOrder("btrfs");
        assertValidOrder(idx, order);
        assertTrue(order.containsAll(List.of("xxhash_generic", "blake2b_generic", "libcrc32c", "zstd_compress")), order.toString());
        assumeTrue(Host.has("modprobe"));
        Set<String> ours = new TreeSet<>(order.stream().map(m -> idx.relativePath(m).orElseThrow()).toList());
        assertTrue(ours.containsAll(modprobe(idx, "btrfs")));
    }

    @Test
    void builtinsNeedNoFile() throws Exception {
        ModuleIndex idx = debian();
        assertTrue(idx.isBuiltin("af_packet") || idx.isModule("af_packet"));
        String builtin = Files.readAllLines(idx.directory().resolve("modules.builtin")).getFirst();
        String name = ModuleIndex.nameOf(builtin);
        assertTrue(idx.isBuiltin(name));
        assertFalse(idx.isModule(name));
        assertEquals(List.of(), idx.loadOrder(name));
        assertEquals(List.of(), idx.firmware(name));
    }

    /** Hand-written modaliases of common disks, controllers and NICs, each as expected and as modprobe resolves it. */
    @Test
    void resolvesHandWrittenModaliases() throws Exception {
        ModuleIndex idx = debian();
        String text = new String(ModuleIndexTest.class.getResourceAsStream("/deps/modaliases.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split(" -> ?", 2);
            Set<String> expected = new TreeSet<>(parts.length < 2 || parts[1].isBlank() ? List.of()
                    : Arrays.asList(parts[1].strip().split(" ")));
            assertEquals(expected, new TreeSet<>(idx.matchModalias(parts[0])), parts[0]);
            if (Host.has("modprobe")) assertEquals(expected, resolveAlias(idx, parts[0]), parts[0] + " (modprobe)");
            checked++;
        }
        assertTrue(checked > 20);
    }

    /** Every modalias of this machine's devices, as modprobe resolves it against the same kernel. */
    @Test
    void resolvesThisMachinesModaliases() throws Exception {
        ModuleIndex idx = debian();
        assumeTrue(Host.has("modprobe"), "no kmod to compare with");
        List<String> aliases = new ModuleSelection(idx).hardwareFrom(Path.of("/sys/devices")).modaliases();
        assumeTrue(!aliases.isEmpty(), "no /sys/devices modalias here");
        for (String a : aliases) assertEquals(resolveAlias(idx, a), new TreeSet<>(idx.matchModalias(a)), a);
    }

    @Test
    void firmwareFromModinfo() throws Exception {
        ModuleIndex idx = debian();
        for (String m : List.of("bnx2", "e100", "tg3", "r8169")) {
            List<String> fw = idx.firmware(m);
            assumeTrue(Host.has("modinfo"));
            String out = Host.run("modinfo", "-F", "firmware", idx.file(m).toString()).out().strip();
            assertEquals(out.isEmpty() ? List.of() : Arrays.asList(out.split("\n")), fw, m);
        }
        assertFalse(idx.firmware("bnx2").isEmpty());
        assertEquals(List.of(), idx.firmware("xfs"));
    }

    /** .ko.xz, .ko.zst and .ko.gz are read after decompression; names lose the whole suffix. */
    @Test
    void compressedModules() throws Exception {
        ModuleIndex debian = debian();
        byte[] ko = Files.readAllBytes(debian.file("bnx2"));
        Path dir = Files.createDirectories(tmp.resolve("lib/modules/6.1.0-test/kernel/net"));
        try (OutputStream o = new XZOutputStream(Files.newOutputStream(dir.resolve("bnx-xz.ko.xz")), new LZMA2Options())) {
            o.write(ko);
        }
        try (OutputStream o = new ZstdOutputStream(Files.newOutputStream(dir.resolve("bnx-zst.ko.zst")))) {
            o.write(ko);
        }
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("bnx-gz.ko.gz")))) {
            o.write(ko);
        }
        Files.writeString(dir.resolve("../../modules.dep"), """
                kernel/net/bnx-xz.ko.xz:
                kernel/net/bnx-zst.ko.zst: kernel/net/bnx-xz.ko.xz
                kernel/net/bnx-gz.ko.gz:
                """);
        ModuleIndex idx = ModuleIndex.load(tmp, "6.1.0-test");
        List<String> expected = debian.firmware("bnx2");
        for (String m : List.of("bnx_xz", "bnx-zst", "bnx_gz")) assertEquals(expected, idx.firmware(m), m);
        assertEquals(List.of("bnx_xz", "bnx_zst"), idx.loadOrder("bnx_zst"));
        assertEquals(List.of("bnx2"), idx.modinfo("bnx-zst").get("name"));
    }

    static ModuleIndex debian() throws Exception {
        return ModuleIndex.load(Host.kernelRoot(), Host.kernelVersion());
    }

    static void assertValidOrder(ModuleIndex idx, List<String> order) {
        Set<String> loaded = new HashSet<>();
        for (String m : order) {
            for (String d : idx.dependencies(m)) {
                assertTrue(loaded.contains(d) || idx.isBuiltin(d), m + " before its dependency " + d + " in " + order);
            }
            loaded.add(m);
        }
        assertEquals(order.size(), new LinkedHashSet<>(order).size(), "each module once: " + order);
    }

    /** modprobe --show-depends, host configuration left out: the module files, relative to the modules directory. */
    static Set<String> modprobe(ModuleIndex idx, String module) throws Exception {
        Path root = idx.directory().getParent().getParent().getParent();
        Host.Run r = Host.run("modprobe", "-C", "/dev/null", "--show-depends", "-d", root.toString(), "-S", idx.version(),
                module);
        assertEquals(0, r.status(), r.err());
        Set<String> out = new TreeSet<>();
        for (String line : r.out().split("\n")) {
            if (!line.startsWith("insmod ")) continue;
            Path p = Path.of(line.substring(7).strip().split(" ")[0]);
            out.add(idx.directory().relativize(p).toString());
        }
        return out;
    }

    static Set<String> resolveAlias(ModuleIndex idx, String alias) throws Exception {
        Path root = idx.directory().getParent().getParent().getParent();
        Host.Run r = Host.run("modprobe", "-C", "/dev/null", "--resolve-alias", "-d", root.toString(), "-S", idx.version(),
                alias);
        Set<String> out = new TreeSet<>();
        for (String l : r.out().split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }
}
