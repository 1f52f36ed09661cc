package org.mondo.mindi.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The shared libraries a program loads, found the way glibc's ld.so finds them, by reading ELF
 * files (no ldd, which runs the program's own loader): breadth first from the program, each
 * DT_NEEDED name searched in the DT_RPATH of the object that needs it and of the objects that
 * loaded it (only when it has no DT_RUNPATH), its DT_RUNPATH, /etc/ld.so.cache, then the default
 * directories. LD_LIBRARY_PATH is ignored: it belongs to the caller, not to the program. $ORIGIN,
 * $LIB and $PLATFORM are expanded. The result holds the program, its PT_INTERP loader and every
 * library, each with the symlinks that lead to it.
 */
public final class LibraryResolver {
    /** Default directories when none are given (x86-64 Debian); {@link #defaultDirs(ElfFile)} adapts them. */
    public static final List<Path> DEFAULT_DIRS = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"),
            Path.of("/usr/lib"));

    private final LdSoCache cache;
    private final List<Path> fixedDirs;

    /** A resolver with this cache and the default directories of each program's architecture. */
    public LibraryResolver(LdSoCache cache) {
        this(cache, null);
    }

    /** A resolver with this cache and these default directories (null: the architecture's). */
    public LibraryResolver(LdSoCache cache, List<Path> defaultDirs) {
        this.cache = cache;
        this.fixedDirs = defaultDirs == null ? null : List.copyOf(defaultDirs);
    }

    /** The host's resolver: /etc/ld.so.cache and the default directories. */
    public static LibraryResolver system() throws IOException {
        return new LibraryResolver(LdSoCache.read(Path.of("/etc/ld.so.cache")));
    }

    /** A program, its loader and its libraries. */
    public FileSet closure(Path program) throws IOException {
        FileSet out = new FileSet();
        addClosure(program, out);
        return out;
    }

    /** Adds a program, its loader and its libraries to a set; IOException naming what is missing. */
    public void addClosure(Path program, FileSet out) throws IOException {
        Path real = out.add(program);
        ElfFile main = ElfFile.read(real);
        if (!main.isDynamic()) return; // static: nothing more to load
        Map<String, Loaded> byName = new HashMap<>();
        Map<Path, Loaded> byReal = new HashMap<>();
        Optional<String> interp = main.interpreter();
        if (interp.isPresent()) {
            Path ip = Path.of(interp.get());
            Path ipReal;
            try {
                ipReal = out.add(ip);
            } catch (IOException e) {
                throw new IOException(program + ": its dynamic loader " + ip + " is missing", e);
            }
            Loaded ld = new Loaded(ip, ipReal, ElfFile.read(ipReal), null, ip.getParent());
            byName.put(ip.getFileName().toString(), ld);
            ld.elf.dynamic().soname().ifPresent(s -> byName.put(s, ld));
            byReal.put(ipReal, ld);
        }
        Context ctx = new Context(main);
        // The program's own $ORIGIN is its real directory, as /proc/self/exe gives it to ld.so.
        Loaded root = new Loaded(program, real, main, null, real.getParent());
        byReal.putIfAbsent(real, root);
        List<String> missing = new ArrayList<>();
        Queue<Loaded> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Loaded obj = queue.remove();
            for (String name : obj.elf.needed()) {
                if (byName.containsKey(name)) continue;
                Loaded found = search(name, obj, ctx);
                if (found == null) {
                    missing.add(name + " (needed by " + obj.path + ")");
                    continue;
                }
                Loaded known = byReal.get(found.real);
                if (known != null) {
                    byName.put(name, known);
                    continue;
                }
                out.add(found.path);
                byReal.put(found.real, found);
                byName.put(name, found);
                found.elf.dynamic().soname().ifPresent(s -> byName.putIfAbsent(s, found));
                queue.add(found);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(program + ": shared " + (missing.size() == 1 ? "library" : "libraries")
                    + " not found: " + String.join(", ", missing));
        }
    }

    /** The default directories for objects of this architecture. */
    public List<Path> defaultDirs(ElfFile elf) {
        if (fixedDirs != null) return fixedDirs;
        if (elf.machine() == ElfFile.EM_X86_64 && elf.is64()) return DEFAULT_DIRS;
        String tuple = multiarch(elf);
        List<Path> dirs = new ArrayList<>();
        if (tuple != null) {
            dirs.add(Path.of("/lib", tuple));
            dirs.add(Path.of("/usr/lib", tuple));
        }
        if (elf.is64()) {
            dirs.add(Path.of("/lib64"));
            dirs.add(Path.of("/usr/lib64"));
        }
        dirs.add(Path.of("/lib"));
        dirs.add(Path.of("/usr/lib"));
        return List.copyOf(dirs);
    }

    /** Debian's multiarch tuple, also $LIB's last part (lib/x86_64-linux-gnu). */
    static String multiarch(ElfFile elf) {
        return switch (elf.machine()) {
            case ElfFile.EM_X86_64 -> elf.is64() ? "x86_64-linux-gnu" : "x86_64-linux-gnux32";
            case ElfFile.EM_386 -> "i386-linux-gnu";
            case ElfFile.EM_AARCH64 -> "aarch64-linux-gnu";
            case ElfFile.EM_ARM -> (elf.flags() & 0x400) != 0 ? "arm-linux-gnueabihf" : "arm-linux-gnueabi";
            case ElfFile.EM_PPC64 -> elf.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? "powerpc64le-linux-gnu"
                    : "powerpc64-linux-gnu";
            case ElfFile.EM_S390 -> "s390x-linux-gnu";
            case ElfFile.EM_RISCV -> "riscv64-linux-gnu";
            default -> null;
        };
    }

    /** $PLATFORM: the kernel's AT_PLATFORM for this architecture. */
    static String platform(ElfFile elf) {
        return switch (elf.machine()) {
            case ElfFile.EM_X86_64 -> "x86_64";
            case ElfFile.EM_386 -> "i686";
            case ElfFile.EM_AARCH64 -> "aarch64";
            case ElfFile.EM_ARM -> "v7l";
            case ElfFile.EM_PPC64 -> "power8";
            case ElfFile.EM_S390 -> "z900";
            case ElfFile.EM_RISCV -> "riscv64";
            default -> "unknown";
        };
    }

    /** A search path (DT_RPATH or DT_RUNPATH) as directories, $ORIGIN/$LIB/$PLATFORM expanded. */
    static List<Path> expand(String searchPath, Path origin, String lib, String platform) {
        List<Path> out = new ArrayList<>();
        for (String part : searchPath.split(":")) {
            if (part.isEmpty()) continue;
            String d = part.replace("${ORIGIN}", "$ORIGIN").replace("${LIB}", "$LIB").replace("${PLATFORM}", "$PLATFORM");
            if (d.contains("$ORIGIN")) {
                if (origin == null) continue;
                d = d.replace("$ORIGIN", origin.toString());
            }
            d = d.replace("$LIB", lib).replace("$PLATFORM", platform);
            if (!d.startsWith("/")) continue; // relative entries depend on the working directory: useless here
            out.add(Path.of(d));
        }
        return out;
    }

    private Loaded search(String name, Loaded obj, Context ctx) throws IOException {
        if (name.contains("/")) return tryFile(Path.of(name), obj, ctx);
        Set<Path> dirs = new LinkedHashSet<>();
        ElfFile.Dynamic d = obj.elf.dynamic();
        if (d.runpath().isEmpty()) {
            for (Loaded l = obj; l != null; l = l.loader) {
                ElfFile.Dynamic ld = l.elf.dynamic();
                if (ld.runpath().isEmpty() && ld.rpath().isPresent()) {
                    dirs.addAll(expand(ld.rpath().get(), l.origin, ctx.lib, ctx.platform));
                }
            }
        }
        d.runpath().ifPresent(rp -> dirs.addAll(expand(rp, obj.origin, ctx.lib, ctx.platform)));
        for (Path dir : dirs) {
            Loaded l = tryFile(dir.resolve(name), obj, ctx);
            if (l != null) return l;
        }
        if ((d.flags1() & ElfFile.DF_1_NODEFLIB) != 0) return null;
        Optional<String> cached = cache.find(name, ctx.abi);
        if (cached.isPresent()) {
            Loaded l = tryFile(Path.of(cached.get()), obj, ctx);
            if (l != null) return l;
        }
        for (Path dir : ctx.defaultDirs) {
            Loaded l = tryFile(dir.resolve(name), obj, ctx);
            if (l != null) return l;
        }
        return null;
    }

    /** A candidate file, if it exists and is an ELF object the program can load. */
    private Loaded tryFile(Path candidate, Loaded loader, Context ctx) throws IOException {
        if (!Files.isRegularFile(candidate) || !ElfFile.isElf(candidate)) return null;
        Path real = FileSet.realPath(candidate);
        ElfFile elf = ElfFile.read(real);
        if (!elf.compatibleWith(ctx.main)) return null; // ld.so skips other classes and machines
        return new Loaded(candidate, real, elf, loader, candidate.getParent());
    }

    /** One loaded object: the path it was found by, its real path, who loaded it, its $ORIGIN. */
    private record Loaded(Path path, Path real, ElfFile elf, Loaded loader, Path origin) {}

    private final class Context {
        final ElfFile main;
        final int abi;
        final String lib;
        final String platform;
        final List<Path> defaultDirs;

        Context(ElfFile main) {
            this.main = main;
            this.abi = LdSoCache.abiFlags(main);
            String tuple = multiarch(main);
            this.lib = tuple == null ? (main.is64() ? "lib64" : "lib") : "lib/" + tuple;
            this.platform = platform(main);
            this.defaultDirs = LibraryResolver.this.defaultDirs(main);
        }
    }
}
