package org.mondo.mindi.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal ELF reader (ELF32 and ELF64, either byte order): the header, the program headers with
 * PT_INTERP and PT_DYNAMIC (DT_NEEDED, DT_RPATH, DT_RUNPATH, DT_SONAME, DT_FLAGS_1), and named
 * sections such as a kernel module's ".modinfo". Enough to find what a program needs without
 * running ldd, and what a module names (firmware=, depends=, alias=).
 */
public final class ElfFile {
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_386 = 3, EM_ARM = 40, EM_X86_64 = 62, EM_AARCH64 = 183, EM_PPC64 = 21,
            EM_S390 = 22, EM_RISCV = 243;
    public static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3;
    static final long DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5, DT_STRSZ = 10, DT_SONAME = 14, DT_RPATH = 15,
            DT_RUNPATH = 29, DT_FLAGS_1 = 0x6ffffffbL;
    public static final long DF_1_NODEFLIB = 0x800;
    private static final int SHN_XINDEX = 0xffff, PN_XNUM = 0xffff, SHT_NOBITS = 8;

    public record Segment(int type, long offset, long vaddr, long fileSize, long memSize) {}

    public record Section(String name, int type, long offset, long size) {}

    /** The dynamic section's names; empty lists when the file is static. */
    public record Dynamic(List<String> needed, Optional<String> soname, Optional<String> rpath,
                          Optional<String> runpath, long flags1) {
        static final Dynamic NONE = new Dynamic(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    private final String name;
    private final ByteBuffer buf;
    private final boolean is64;
    private final int type;
    private final int machine;
    private final long flags;
    private final List<Segment> segments;
    private final List<Section> sections;
    private Dynamic dynamic;

    private ElfFile(String name, ByteBuffer buffer) throws IOException {
        this.name = name;
        this.buf = buffer.duplicate();
        if (buf.limit() < 16 || buf.get(0) != 0x7f || buf.get(1) != 'E' || buf.get(2) != 'L' || buf.get(3) != 'F') {
            throw new IOException(name + ": not an ELF file");
        }
        int cls = buf.get(4), data = buf.get(5);
        if (cls != 1 && cls != 2) throw new IOException(name + ": unknown ELF class " + cls);
        if (data != 1 && data != 2) throw new IOException(name + ": unknown ELF byte order " + data);
        is64 = cls == 2;
        buf.order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        try {
            need(0, is64 ? 64 : 52, "header");
            type = u16(16);
            machine = u16(18);
            long phoff = is64 ? buf.getLong(32) : u32(28);
            long shoff = is64 ? buf.getLong(40) : u32(32);
            flags = u32(is64 ? 48 : 36);
            int phentsize = u16(is64 ? 54 : 42);
            int phnum = u16(is64 ? 56 : 44);
            int shentsize = u16(is64 ? 58 : 46);
            int shnum = u16(is64 ? 60 : 48);
            int shstrndx = u16(is64 ? 62 : 50);
            // Extended numbering: the real counts are in section 0.
            if (shoff != 0 && (shnum == 0 || shstrndx == SHN_XINDEX || phnum == PN_XNUM)) {
                need(shoff, shentsize, "section 0");
                int base = Math.toIntExact(shoff);
                if (shnum == 0) shnum = Math.toIntExact(is64 ? buf.getLong(base + 32) : u32(base + 20));
                if (shstrndx == SHN_XINDEX) shstrndx = (int) u32(base + (is64 ? 40 : 24));
                if (phnum == PN_XNUM) phnum = (int) u32(base + (is64 ? 44 : 28));
            }
            segments = readSegments(phoff, phentsize, phnum);
            sections = readSections(shoff, shentsize, shnum, shstrndx);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new IOException(name + ": truncated or damaged ELF file", e);
        }
    }

    /** Reads a file (mapped, not copied). */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16) throw new IOException(file + ": not an ELF file (" + size + " bytes)");
            if (size > Integer.MAX_VALUE) throw new IOException(file + ": too big for an ELF reader (" + size + " bytes)");
            return new ElfFile(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Parses bytes already in memory (e.g. a decompressed kernel module); name is for messages. */
    public static ElfFile parse(byte[] bytes, String name) throws IOException {
        return new ElfFile(name, ByteBuffer.wrap(bytes));
    }

    /** Whether a file starts with the ELF magic (false for scripts, data and unreadable files). */
    public static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public boolean is64() {
        return is64;
    }

    public ByteOrder byteOrder() {
        return buf.order();
    }

    /** e_type: ET_REL (a kernel module), ET_EXEC, ET_DYN (a library or PIE). */
    public int type() {
        return type;
    }

    public int machine() {
        return machine;
    }

    public long flags() {
        return flags;
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<Section> sections() {
        return sections;
    }

    /** Whether another object could be loaded into the same process as this one (class, order, machine). */
    public boolean compatibleWith(ElfFile other) {
        return is64 == other.is64 && machine == other.machine && byteOrder().equals(other.byteOrder());
    }

    /** PT_INTERP: the program's dynamic loader, e.g. /lib64/ld-linux-x86-64.so.2. */
    public Optional<String> interpreter() throws IOException {
        for (Segment s : segments) {
            if (s.type() == PT_INTERP) return Optional.of(cString(s.offset(), s.fileSize(), "PT_INTERP"));
        }
        return Optional.empty();
    }

    public boolean isDynamic() {
        return segments.stream().anyMatch(s -> s.type() == PT_DYNAMIC);
    }

    public Dynamic dynamic() throws IOException {
        if (dynamic == null) dynamic = readDynamic();
        return dynamic;
    }

    public List<String> needed() throws IOException {
        return dynamic().needed();
    }

    /** The contents of a named section (empty for a section without bytes in the file). */
    public Optional<byte[]> section(String sectionName) throws IOException {
        for (Section s : sections) {
            if (s.name().equals(sectionName)) {
                if (s.type() == SHT_NOBITS) return Optional.of(new byte[0]);
                need(s.offset(), s.size(), "section " + sectionName);
                byte[] out = new byte[Math.toIntExact(s.size())];
                buf.get(Math.toIntExact(s.offset()), out);
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /**
     * A kernel module's .modinfo: NUL-separated key=value strings, as key → values in file order
     * (firmware, alias and softdep repeat; depends is one comma-separated value). Empty without one.
     */
    public Map<String, List<String>> modinfo() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byte[] b = section(".modinfo").orElse(new byte[0]);
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == 0) {
                if (i > start) {
                    String kv = new String(b, start, i - start, StandardCharsets.UTF_8);
                    int eq = kv.indexOf('=');
                    if (eq > 0) out.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    private List<Segment> readSegments(long phoff, int phentsize, int phnum) throws IOException {
        if (phoff == 0 || phnum == 0) return List.of();
        if (phentsize < (is64 ? 56 : 32)) throw new IOException(name + ": bad program header size " + phentsize);
        need(phoff, (long) phentsize * phnum, "program headers");
        List<Segment> out = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int o = Math.toIntExact(phoff + (long) i * phentsize);
            if (is64) {
                out.add(new Segment(buf.getInt(o), buf.getLong(o + 8), buf.getLong(o + 16), buf.getLong(o + 32),
                        buf.getLong(o + 40)));
            } else {
                out.add(new Segment(buf.getInt(o), u32(o + 4), u32(o + 8), u32(o + 16), u32(o + 20)));
            }
        }
        return List.copyOf(out);
    }

    private List<Section> readSections(long shoff, int shentsize, int shnum, int shstrndx) throws IOException {
        if (shoff == 0 || shnum == 0) return List.of();
        if (shentsize < (is64 ? 64 : 40)) throw new IOException(name + ": bad section header size " + shentsize);
        need(shoff, (long) shentsize * shnum, "section headers");
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int o = Math.toIntExact(shoff + (long) i * shentsize);
            raw[i] = is64
                    ? new long[] {u32(o), u32(o + 4), buf.getLong(o + 24), buf.getLong(o + 32)}
                    : new long[] {u32(o), u32(o + 4), u32(o + 16), u32(o + 20)};
        }
        long strOff = -1, strSize = 0;
        if (shstrndx > 0 && shstrndx < shnum) {
            strOff = raw[shstrndx][2];
            strSize = raw[shstrndx][3];
            need(strOff, strSize, "section name table");
        }
        List<Section> out = new ArrayList<>(shnum);
        for (long[] r : raw) {
            String n = strOff < 0 || r[0] >= strSize ? "" : cString(strOff + r[0], strSize - r[0], "section name");
            out.add(new Section(n, (int) r[1], r[2], r[3]));
        }
        return List.copyOf(out);
    }

    private Dynamic readDynamic() throws IOException {
        Segment dyn = segments.stream().filter(s -> s.type() == PT_DYNAMIC).findFirst().orElse(null);
        if (dyn == null) return Dynamic.NONE;
        need(dyn.offset(), dyn.fileSize(), "PT_DYNAMIC");
        int entSize = is64 ? 16 : 8;
        List<Long> neededOffsets = new ArrayList<>();
        long strtab = -1, strsz = -1, soname = -1, rpath = -1, runpath = -1, flags1 = 0;
        for (long o = dyn.offset(); o + entSize <= dyn.offset() + dyn.fileSize(); o += entSize) {
            int i = Math.toIntExact(o);
            long tag = is64 ? buf.getLong(i) : buf.getInt(i);
            long val = is64 ? buf.getLong(i + 8) : u32(i + 4);
            if (tag == DT_NULL) break;
            if (tag == DT_NEEDED) neededOffsets.add(val);
            else if (tag == DT_STRTAB) strtab = val;
            else if (tag == DT_STRSZ) strsz = val;
            else if (tag == DT_SONAME) soname = val;
            else if (tag == DT_RPATH) rpath = val;
            else if (tag == DT_RUNPATH) runpath = val;
            else if (tag == DT_FLAGS_1) flags1 = val;
        }
        boolean any = !neededOffsets.isEmpty() || soname >= 0 || rpath >= 0 || runpath >= 0;
        if (!any) return new Dynamic(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), flags1);
        if (strtab < 0) throw new IOException(name + ": dynamic section without DT_STRTAB");
        long strOff = fileOffset(strtab);
        long limit = strsz >= 0 ? strsz : buf.limit() - strOff;
        need(strOff, limit, "dynamic string table");
        List<String> needed = new ArrayList<>();
        for (long n : neededOffsets) needed.add(dynString(strOff, limit, n));
        return new Dynamic(List.copyOf(needed),
                soname < 0 ? Optional.empty() : Optional.of(dynString(strOff, limit, soname)),
                rpath < 0 ? Optional.empty() : Optional.of(dynString(strOff, limit, rpath)),
                runpath < 0 ? Optional.empty() : Optional.of(dynString(strOff, limit, runpath)),
                flags1);
    }

    private String dynString(long tableOffset, long tableSize, long index) throws IOException {
        if (index < 0 || index >= tableSize) throw new IOException(name + ": string index " + index + " outside DT_STRTAB");
        return cString(tableOffset + index, tableSize - index, "dynamic string");
    }

    /** A virtual address as a file offset, through the PT_LOAD segment that holds it. */
    long fileOffset(long vaddr) throws IOException {
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && Long.compareUnsigned(vaddr, s.vaddr()) >= 0
                    && Long.compareUnsigned(vaddr - s.vaddr(), s.fileSize()) < 0) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        throw new IOException(name + ": address 0x" + Long.toHexString(vaddr) + " is in no PT_LOAD segment");
    }

    private String cString(long offset, long max, String what) throws IOException {
        need(offset, 0, what);
        int start = Math.toIntExact(offset);
        long end = Math.min(buf.limit(), offset + Math.max(0, max));
        int i = start;
        while (i < end && buf.get(i) != 0) i++;
        if (i == end) throw new IOException(name + ": unterminated string in " + what);
        byte[] b = new byte[i - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void need(long offset, long length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset > buf.limit() || length > buf.limit() - offset) {
            throw new IOException(name + ": truncated or damaged ELF file (" + what + " at " + offset + "+" + length
                    + " beyond " + buf.limit() + " bytes)");
        }
    }

    private int u16(int off) {
        return Short.toUnsignedInt(buf.getShort(off));
    }

    private long u32(int off) {
        return Integer.toUnsignedLong(buf.getInt(off));
    }
}
