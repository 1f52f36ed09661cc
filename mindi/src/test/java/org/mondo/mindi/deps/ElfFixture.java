package org.mondo.mindi.deps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small ELF files for tests: a PT_LOAD at a virtual address other than its offset, PT_INTERP, PT_DYNAMIC, sections. */
final class ElfFixture {
    static final long BASE = 0x400000;
    boolean is64 = true;
    boolean bigEndian;
    int type = ElfFile.ET_DYN;
    int machine = ElfFile.EM_X86_64;
    String interp;
    final List<String> needed = new ArrayList<>();
    String soname, rpath, runpath;
    long flags1;
    final Map<String, byte[]> sections = new LinkedHashMap<>();

    static ElfFixture lib(String soname, String... needed) {
        ElfFixture f = new ElfFixture();
        f.soname = soname;
        f.needed.addAll(List.of(needed));
        return f;
    }

    static ElfFixture module(String... modinfo) {
        ElfFixture f = new ElfFixture();
        f.type = ElfFile.ET_REL;
        StringBuilder b = new StringBuilder();
        for (String kv : modinfo) b.append(kv).append('\0');
        f.sections.put(".text", new byte[] {(byte) 0xc3});
        f.sections.put(".modinfo", b.toString().getBytes(StandardCharsets.UTF_8));
        return f;
    }

    ElfFixture elf32() {
        is64 = false;
        machine = ElfFile.EM_386;
        return this;
    }

    ElfFixture rpath(String p) {
        rpath = p;
        return this;
    }

    ElfFixture runpath(String p) {
        runpath = p;
        return this;
    }

    ElfFixture interp(String p) {
        interp = p;
        return this;
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, build());
        return file;
    }

    byte[] build() {
        int ehsize = is64 ? 64 : 52, phent = is64 ? 56 : 32, shent = is64 ? 64 : 40, dynent = is64 ? 16 : 8;
        boolean relocatable = type == ElfFile.ET_REL;
        boolean dynamic = !relocatable && (!needed.isEmpty() || soname != null || rpath != null || runpath != null || flags1 != 0);
        int nph = relocatable ? 0 : 1 + (interp != null ? 1 : 0) + (dynamic ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int off = ehsize + nph * phent;
        int interpOff = off;
        if (interp != null) {
            put(b, off, interp);
            off += interp.length() + 1;
        }
        // The dynamic string table.
        StringBuilder str = new StringBuilder("\0");
        List<long[]> dyn = new ArrayList<>();
        for (String n : needed) dyn.add(new long[] {ElfFile.DT_NEEDED, add(str, n)});
        if (soname != null) dyn.add(new long[] {ElfFile.DT_SONAME, add(str, soname)});
        if (rpath != null) dyn.add(new long[] {ElfFile.DT_RPATH, add(str, rpath)});
        if (runpath != null) dyn.add(new long[] {ElfFile.DT_RUNPATH, add(str, runpath)});
        if (flags1 != 0) dyn.add(new long[] {ElfFile.DT_FLAGS_1, flags1});
        int strOff = off;
        byte[] strBytes = str.toString().getBytes(StandardCharsets.UTF_8);
        if (dynamic) {
            b.put(strOff, strBytes);
            off += strBytes.length;
        }
        dyn.add(new long[] {ElfFile.DT_STRTAB, BASE + strOff});
        dyn.add(new long[] {ElfFile.DT_STRSZ, strBytes.length});
        dyn.add(new long[] {ElfFile.DT_NULL, 0});
        off = align(off, 8);
        int dynOff = off;
        if (dynamic) {
            for (long[] d : dyn) {
                if (is64) {
                    b.putLong(off, d[0]).putLong(off + 8, d[1]);
                } else {
                    b.putInt(off, (int) d[0]).putInt(off + 4, (int) d[1]);
                }
                off += dynent;
            }
        }
        int dynSize = off - dynOff;
        // Sections: their bytes, then the name table, then the headers.
        StringBuilder shstr = new StringBuilder("\0");
        List<long[]> shdrs = new ArrayList<>(); // name, type, offset, size
        for (Map.Entry<String, byte[]> s : sections.entrySet()) {
            long name = add(shstr, s.getKey());
            b.put(off, s.getValue());
            shdrs.add(new long[] {name, 1, off, s.getValue().length});
            off += s.getValue().length;
        }
        long shName = add(shstr, ".shstrtab");
        byte[] shstrBytes = shstr.toString().getBytes(StandardCharsets.UTF_8);
        b.put(off, shstrBytes);
        shdrs.add(new long[] {shName, 3, off, shstrBytes.length});
        off += shstrBytes.length;
        int shoff = align(off, 8);
        int shnum = shdrs.size() + 1;
        int total = shoff + shnum * shent;
        for (int i = 0; i < shdrs.size(); i++) {
            long[] s = shdrs.get(i);
            int o = shoff + (i + 1) * shent;
            b.putInt(o, (int) s[0]).putInt(o + 4, (int) s[1]);
            if (is64) {
                b.putLong(o + 24, s[2]).putLong(o + 32, s[3]);
            } else {
                b.putInt(o + 16, (int) s[2]).putInt(o + 20, (int) s[3]);
            }
        }
        // Program headers.
        int ph = ehsize;
        if (!relocatable) {
            phdr(b, ph, ElfFile.PT_LOAD, 0, BASE, total);
            ph += phent;
            if (interp != null) {
                phdr(b, ph, ElfFile.PT_INTERP, interpOff, BASE + interpOff, interp.length() + 1);
                ph += phent;
            }
            if (dynamic) phdr(b, ph, ElfFile.PT_DYNAMIC, dynOff, BASE + dynOff, dynSize);
        }
        // The header.
        b.put(0, new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        if (is64) {
            b.putLong(32, nph == 0 ? 0 : ehsize).putLong(40, shoff);
            b.putShort(52, (short) ehsize).putShort(54, (short) phent).putShort(56, (short) nph)
                    .putShort(58, (short) shent).putShort(60, (short) shnum).putShort(62, (short) (shnum - 1));
        } else {
            b.putInt(28, nph == 0 ? 0 : ehsize).putInt(32, shoff);
            b.putShort(40, (short) ehsize).putShort(42, (short) phent).putShort(44, (short) nph)
                    .putShort(46, (short) shent).putShort(48, (short) shnum).putShort(50, (short) (shnum - 1));
        }
        return Arrays.copyOf(b.array(), total);
    }

    private void phdr(ByteBuffer b, int o, int type, long offset, long vaddr, long size) {
        if (is64) {
            b.putInt(o, type).putInt(o + 4, 5).putLong(o + 8, offset).putLong(o + 16, vaddr).putLong(o + 24, vaddr)
                    .putLong(o + 32, size).putLong(o + 40, size).putLong(o + 48, 8);
        } else {
            b.putInt(o, type).putInt(o + 4, (int) offset).putInt(o + 8, (int) vaddr).putInt(o + 12, (int) vaddr)
                    .putInt(o + 16, (int) size).putInt(o + 20, (int) size).putInt(o + 24, 5).putInt(o + 28, 4);
        }
    }

    private static long add(StringBuilder table, String s) {
        long at = table.toString().getBytes(StandardCharsets.UTF_8).length;
        table.append(s).append('\0');
        return at;
    }

    private static void put(ByteBuffer b, int off, String s) {
        byte[] x = (s + "\0").getBytes(StandardCharsets.UTF_8);
        b.put(off, x);
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }
}
