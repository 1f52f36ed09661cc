package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElfFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsElf64Dynamic() throws IOException {
        ElfFixture f = ElfFixture.lib("libx.so.1", "liba.so.2", "libc.so.6").rpath("$ORIGIN/../lib").interp("/lib64/ld.so");
        ElfFile e = ElfFile.parse(f.build(), "x");
        assertTrue(e.is64());
        assertEquals(ElfFile.EM_X86_64, e.machine());
        assertEquals(ElfFile.ET_DYN, e.type());
        assertEquals(Optional.of("/lib64/ld.so"), e.interpreter());
        assertEquals(List.of("liba.so.2", "libc.so.6"), e.needed());
        assertEquals(Optional.of("libx.so.1"), e.dynamic().soname());
        assertEquals(Optional.of("$ORIGIN/../lib"), e.dynamic().rpath());
        assertEquals(Optional.empty(), e.dynamic().runpath());
        assertTrue(e.isDynamic());
    }

    @Test
    void readsElf32AndBigEndian() throws IOException {
        ElfFixture f = ElfFixture.lib("libold.so", "libc.so.6").elf32().runpath("/opt/old");
        ElfFile e = ElfFile.parse(f.build(), "x");
        assertFalse(e.is64());
        assertEquals(ElfFile.EM_386, e.machine());
        assertEquals(List.of("libc.so.6"), e.needed());
        assertEquals(Optional.of("/opt/old"), e.dynamic().runpath());
        assertEquals(Optional.empty(), e.dynamic().rpath());

        ElfFixture be = ElfFixture.lib("libbe.so", "libz.so");
        be.bigEndian = true;
        be.machine = ElfFile.EM_S390;
        ElfFile b = ElfFile.parse(be.build(), "be");
        assertEquals(ByteOrder.BIG_ENDIAN, b.byteOrder());
        assertEquals(List.of("libz.so"), b.needed());
        assertFalse(b.compatibleWith(ElfFile.parse(ElfFixture.lib("l").build(), "le")));
    }

    @Test
    void staticFileHasNoDynamicSection() throws IOException {
        ElfFile e = ElfFile.parse(new ElfFixture().build(), "static");
        assertFalse(e.isDynamic());
        assertEquals(List.of(), e.needed());
        assertEquals(Optional.empty(), e.interpreter());
    }

    @Test
    void stringTableAddressIsMappedThroughPtLoad() throws IOException {
        ElfFile e = ElfFile.parse(ElfFixture.lib("libq.so").build(), "x");
        assertEquals(100, e.fileOffset(ElfFixture.BASE + 100));
        IOException x = assertThrows(IOException.class, () -> e.fileOffset(0x10));
        assertTrue(x.getMessage().contains("no PT_LOAD"), x.getMessage());
    }

    @Test
    void readsModinfoSection() throws IOException {
        ElfFixture m = ElfFixture.module("license=GPL", "firmware=a/b.bin", "firmware=c.fw", "depends=x,y",
                "alias=pci:v00001234d*sv*sd*bc*sc*i*", "vermagic=6.1.0 SMP");
        Path f = m.write(tmp.resolve("m.ko"));
        ElfFile e = ElfFile.read(f);
        assertEquals(ElfFile.ET_REL, e.type());
        assertEquals(List.of(), e.segments());
        var info = e.modinfo();
        assertEquals(List.of("a/b.bin", "c.fw"), info.get("firmware"));
        assertEquals(List.of("x,y"), info.get("depends"));
        assertEquals(List.of("6.1.0 SMP"), info.get("vermagic"));
        assertArrayEquals(new byte[] {(byte) 0xc3}, e.section(".text").orElseThrow());
        assertEquals(Optional.empty(), e.section(".nothere"));
    }

    @Test
    void rejectsWhatIsNotElf() throws IOException {
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\necho hello there, this is not ELF\n");
        IOException x = assertThrows(IOException.class, () -> ElfFile.read(script));
        assertTrue(x.getMessage().contains("not an ELF file") && x.getMessage().contains(script.toString()), x.getMessage());
        assertFalse(ElfFile.isElf(script));
        Path tiny = Files.write(tmp.resolve("tiny"), new byte[] {0x7f, 'E'});
        assertTrue(assertThrows(IOException.class, () -> ElfFile.read(tiny)).getMessage().contains("not an ELF file"));
        assertThrows(IOException.class, () -> ElfFile.read(tmp.resolve("absent")));
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        byte[] full = ElfFixture.lib("libt.so", "libc.so.6").build();
        for (int len : new int[] {20, 63, 100, full.length / 2}) {
            byte[] cut = Arrays.copyOf(full, len);
            IOException x = assertThrows(IOException.class, () -> ElfFile.parse(cut, "cut").needed(), "length " + len);
            assertTrue(x.getMessage().contains("cut"), x.getMessage());
        }
        byte[] badClass = full.clone();
        badClass[4] = 7;
        assertTrue(assertThrows(IOException.class, () -> ElfFile.parse(badClass, "c")).getMessage().contains("class"));
    }

    /** The same NEEDED, RPATH, RUNPATH and SONAME as binutils' readelf -d, and PT_INTERP as readelf -l. */
    @ParameterizedTest
    @ValueSource(strings = {"/bin/bash", "/sbin/lvm", "/sbin/mdadm", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
            "/usr/lib/jvm/temurin-25-jdk-amd64/lib/libjli.so", "/usr/lib/jvm/temurin-25-jdk-amd64/lib/server/libjvm.so",
            "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2", "/usr/bin/xorriso"})
    void agreesWithReadelf(String file) throws Exception {
        Path p = Path.of(file);
        assumeTrue(Files.exists(p) && Host.has("readelf"), file + " or readelf not here");
        ElfFile e = ElfFile.read(p.toRealPath());
        String dyn = Host.run("readelf", "-dW", p.toString()).out();
        assertEquals(bracketed(dyn, "\\(NEEDED\\)"), e.needed());
        assertEquals(bracketed(dyn, "\\(RPATH\\)").stream().findFirst(), e.dynamic().rpath());
        assertEquals(bracketed(dyn, "\\(RUNPATH\\)").stream().findFirst(), e.dynamic().runpath());
        assertEquals(bracketed(dyn, "\\(SONAME\\)").stream().findFirst(), e.dynamic().soname());
        String ph = Host.run("readelf", "-lW", p.toString()).out();
        Matcher m = Pattern.compile("Requesting program interpreter: ([^\\]]+)\\]").matcher(ph);
        assertEquals(m.find() ? Optional.of(m.group(1)) : Optional.empty(), e.interpreter());
    }

    @Test
    void readsARealKernelModulesModinfo() throws Exception {
        Path root = Host.kernelRoot();
        String v = Host.kernelVersion();
        ModuleIndex idx = ModuleIndex.load(root, v);
        Path bnx2 = idx.file("bnx2");
        var info = ElfFile.read(bnx2).modinfo();
        String fw = Host.run("modinfo", "-F", "firmware", bnx2.toString()).out().strip();
        assertEquals(Arrays.asList(fw.split("\n")), info.get("firmware"));
        assertEquals(List.of("bnx2"), info.get("name"));
        assertTrue(info.get("vermagic").getFirst().startsWith(v.replaceAll("-amd64$", "")), info.get("vermagic").toString());
        assertTrue(ElfFile.read(bnx2).modinfo().get("alias").size() > 5);
    }

    private static List<String> bracketed(String readelf, String tag) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(tag + "\\s+[^\\[]*\\[([^\\]]*)\\]").matcher(readelf);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
