package org.mondo.mindi.deps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /etc/ld.so.cache as ldconfig writes it: the "glibc-ld.so.cache1.1" format, alone or after the
 * old "ld.so-1.7.0" table (ldconfig -c compat). Each entry maps a soname to a path for one ABI
 * (flags: libc6 + x86-64, i386, aarch64, …). Entries for glibc-hwcaps subdirectories are kept
 * but looked up last: the boot environment must run on any CPU of the architecture.
 */
public final class LdSoCache {
    static final String OLD_MAGIC = "ld.so-1.7.0";
    static final String NEW_MAGIC = "glibc-ld.so.cache1.1";
    static final int FLAG_TYPE_MASK = 0x00ff, FLAG_ELF_LIBC6 = 0x0003, FLAG_REQUIRED_MASK = 0xff00;

    /** One cache entry; hwcap != 0 marks a CPU-specific variant. */
    public record Entry(int flags, String soname, String path, long hwcap) {}

    private final List<Entry> entries;

    private LdSoCache(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static LdSoCache empty() {
        return new LdSoCache(List.of());
    }

    /** Reads a cache file; a missing file gives an empty cache (the loader then uses its default dirs). */
    public static LdSoCache read(Path file) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty();
        }
        return parse(b, file.toString());
    }

    public static LdSoCache parse(byte[] bytes, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = 0;
        if (startsWith(bytes, 0, OLD_MAGIC)) {
            // Old header: magic (12 bytes, NUL included), nlibs, then nlibs entries of 12 bytes.
            if (bytes.length < 16) throw new IOException(name + ": truncated ld.so cache");
            long nlibs = Integer.toUnsignedLong(buf.getInt(12));
            long end = 16 + nlibs * 12;
            start = -1;
            for (long o = end; o <= end + 8 && o + NEW_MAGIC.length() <= bytes.length; o++) {
                if (startsWith(bytes, (int) o, NEW_MAGIC)) {
                    start = (int) o;
                    break;
                }
            }
            if (start < 0) {
                throw new IOException(name + ": an old-format (libc5 era) ld.so cache only; run ldconfig to rebuild it");
            }
        } else if (!startsWith(bytes, 0, NEW_MAGIC)) {
            throw new IOException(name + ": not an ld.so cache");
        }
        if (bytes.length - start < 48) throw new IOException(name + ": truncated ld.so cache");
        int endian = bytes[start + 28];
        if (endian == 3) buf.order(ByteOrder.BIG_ENDIAN);
        long nlibs = Integer.toUnsignedLong(buf.getInt(start + 20));
        if (48 + nlibs * 24 > bytes.length - start) throw new IOException(name + ": truncated ld.so cache (" + nlibs + " entries)");
        List<Entry> out = new ArrayList<>((int) nlibs);
        for (int i = 0; i < nlibs; i++) {
            int o = start + 48 + i * 24;
            int flags = buf.getInt(o);
            long key = Integer.toUnsignedLong(buf.getInt(o + 4));
            long value = Integer.toUnsignedLong(buf.getInt(o + 8));
            long hwcap = buf.getLong(o + 16);
            out.add(new Entry(flags, string(bytes, start + key, name), string(bytes, start + value, name), hwcap));
        }
        return new LdSoCache(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The path of a soname for an ABI (see {@link #abiFlags}); baseline entries before hwcap variants. */
    public Optional<String> find(String soname, int abiFlags) {
        Optional<String> variant = Optional.empty();
        for (Entry e : entries) {
            if (!e.soname().equals(soname) || !matches(e.flags(), abiFlags)) continue;
            if (e.hwcap() == 0) return Optional.of(e.path());
            if (variant.isEmpty()) variant = Optional.of(e.path());
        }
        return variant;
    }

    /** All the cached paths for an ABI. */
    public List<String> paths(int abiFlags) {
        return entries.stream().filter(e -> matches(e.flags(), abiFlags)).map(Entry::path).toList();
    }

    static boolean matches(int entryFlags, int abiFlags) {
        return (entryFlags & FLAG_TYPE_MASK) == FLAG_ELF_LIBC6
                && (entryFlags & FLAG_REQUIRED_MASK) == (abiFlags & FLAG_REQUIRED_MASK);
    }

    /** The cache flags an object of this class and machine is looked up with (glibc's _DL_CACHE_DEFAULT_ID). */
    public static int abiFlags(ElfFile elf) {
        int arch = switch (elf.machine()) {
            case ElfFile.EM_X86_64 -> elf.is64() ? 0x0300 : 0x0800; // x86-64, x32
            case ElfFile.EM_AARCH64 -> 0x0a00;
            case ElfFile.EM_PPC64 -> 0x0500;
            case ElfFile.EM_S390 -> elf.is64() ? 0x0400 : 0;
            case ElfFile.EM_RISCV -> 0x1000; // double-float ABI
            case ElfFile.EM_ARM -> (elf.flags() & 0x400) != 0 ? 0x0900 : 0x0b00; // EF_ARM_ABI_FLOAT_HARD
            default -> 0; // i386 and the rest: plain libc6
        };
        return FLAG_ELF_LIBC6 | arch;
    }

    private static boolean startsWith(byte[] b, int off, String magic) {
        if (off < 0 || off + magic.length() > b.length) return false;
        for (int i = 0; i < magic.length(); i++) if (b[off + i] != magic.charAt(i)) return false;
        return true;
    }

    private static String string(byte[] b, long off, String name) throws IOException {
        if (off < 0 || off >= b.length) throw new IOException(name + ": string offset " + off + " outside the ld.so cache");
        int i = (int) off;
        while (i < b.length && b[i] != 0) i++;
        if (i == b.length) throw new IOException(name + ": unterminated string in the ld.so cache");
        return new String(b, (int) off, i - (int) off, StandardCharsets.UTF_8);
    }
}
