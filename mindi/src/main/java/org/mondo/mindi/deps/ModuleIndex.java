package org.mondo.mindi.deps;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.tukaani.xz.XZInputStream;

import com.github.luben.zstd.ZstdInputStream;

/**
 * One kernel's modules as depmod describes them in lib/modules/VERSION: modules.dep (each
 * module's file and its dependencies), modules.alias and modules.symbols (glob patterns → module),
 * modules.softdep, modules.builtin and modules.builtin.modinfo (built in: no file needed). Names
 * are normalised as kmod does ('-' is '_'). Reads a module's .modinfo (firmware=, …) from its
 * file, decompressing .ko.xz, .ko.zst and .ko.gz first.
 */
public final class ModuleIndex {
    private static final List<String> SUFFIXES = List.of(".ko", ".ko.xz", ".ko.zst", ".ko.gz");

    private record Softdep(List<String> pre, List<String> post) {}

    private final Path dir;
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, List<String>> deps = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();
    private final AliasTable aliases = new AliasTable();
    private final AliasTable builtinAliases = new AliasTable();
    private final Map<String, Softdep> softdeps = new HashMap<>();

    private ModuleIndex(Path dir) {
        this.dir = dir;
    }

    /** A kernel tree's modules: ROOT/lib/modules/VERSION (ROOT "/" for the running system). */
    public static ModuleIndex load(Path root, String version) throws IOException {
        return load(root.resolve("lib/modules").resolve(version));
    }

    /** The modules of lib/modules/VERSION; IOException when it has no modules.dep. */
    public static ModuleIndex load(Path modulesDir) throws IOException {
        ModuleIndex m = new ModuleIndex(modulesDir);
        List<String> dep;
        try {
            dep = Files.readAllLines(modulesDir.resolve("modules.dep"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("no modules.dep in " + modulesDir + " (run depmod " + modulesDir.getFileName() + ")");
        }
        for (String line : dep) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String file = line.substring(0, colon).trim();
            String name = nameOf(file);
            m.files.putIfAbsent(name, file);
            List<String> ds = new ArrayList<>();
            for (String d : line.substring(colon + 1).trim().split("\\s+")) if (!d.isEmpty()) ds.add(nameOf(d));
            m.deps.putIfAbsent(name, List.copyOf(ds));
        }
        for (String line : lines(modulesDir.resolve("modules.builtin"))) {
            if (!line.isBlank()) m.builtin.add(nameOf(line.trim()));
        }
        for (String f : List.of("modules.alias", "modules.symbols")) {
            for (String line : lines(modulesDir.resolve(f))) {
                String[] w = line.trim().split("\\s+");
                if (w.length == 3 && w[0].equals("alias")) m.aliases.add(w[1], normalize(w[2]));
            }
        }
        for (String line : lines(modulesDir.resolve("modules.softdep"))) m.addSoftdep(line);
        m.readBuiltinModinfo(modulesDir.resolve("modules.builtin.modinfo"));
        return m;
    }

    /** The directory lib/modules/VERSION. */
    public Path directory() {
        return dir;
    }

    public String version() {
        return dir.getFileName().toString();
    }

    /** kmod's name normalisation: '-' is '_'. */
    public static String normalize(String name) {
        return name.replace('-', '_');
    }

    /** A module's name from its file (kernel/fs/xfs/xfs.ko.zst → xfs, …/md-mod.ko → md_mod). */
    public static String nameOf(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        for (String s : SUFFIXES) {
            if (base.endsWith(s)) {
                base = base.substring(0, base.length() - s.length());
                break;
            }
        }
        return normalize(base);
    }

    /** Whether a module with a file exists by this name. */
    public boolean isModule(String name) {
        return files.containsKey(normalize(name));
    }

    /** Whether this name is built into the kernel (nothing to load). */
    public boolean isBuiltin(String name) {
        return builtin.contains(normalize(name));
    }

    /** The module names with a file, unordered. */
    public Set<String> modules() {
        return Set.copyOf(files.keySet());
    }

    /** A module's file relative to the modules directory (kernel/fs/xfs/xfs.ko). */
    public Optional<String> relativePath(String name) {
        return Optional.ofNullable(files.get(normalize(name)));
    }

    /** A module's file; IllegalArgumentException when the kernel has no such module file. */
    public Path file(String name) {
        String rel = files.get(normalize(name));
        if (rel == null) throw new IllegalArgumentException("no module " + name + " in " + dir);
        return dir.resolve(rel);
    }

    /** Its dependencies as modules.dep lists them (all of them, the last to be loaded first). */
    public List<String> dependencies(String name) {
        return deps.getOrDefault(normalize(name), List.of());
    }

    /**
     * What a name stands for, as modprobe resolves it: a module, a built-in module, or an alias
     * (modules.alias and modules.symbols, glob patterns, every match) — the first that knows it.
     * Built-in names are in the result too (check {@link #isBuiltin}); empty when nothing matches.
     */
    public Set<String> lookup(String nameOrAlias) {
        String n = AliasTable.normalize(nameOrAlias.trim());
        if (files.containsKey(n) || builtin.contains(n)) return Set.of(n);
        Set<String> found = aliases.match(n);
        return found.isEmpty() ? builtinAliases.match(n) : found;
    }

    /**
     * The drivers of a device's modalias (pci:v00001AF4d00001001…), as modprobe MODALIAS finds
     * them: modules whose aliases match, else built-in ones (check {@link #isBuiltin}).
     */
    public Set<String> matchModalias(String modalias) {
        return lookup(modalias);
    }

    /** A module and everything it needs, in load order (it last); built-in ones left out. */
    public List<String> loadOrder(String name) {
        return loadOrder(List.of(name));
    }

    /**
     * Modules and everything they need, in an order insmod can follow: every module after its
     * dependencies and its softdep "pre:" modules, its "post:" modules after it. Names must be
     * modules ({@link #isModule}); built-in ones are skipped.
     */
    public List<String> loadOrder(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) visit(normalize(n), out, seen);
        return List.copyOf(out);
    }

    private void visit(String m, Set<String> out, Set<String> seen) {
        if (!files.containsKey(m)) {
            if (builtin.contains(m)) return;
            throw new IllegalArgumentException("no module " + m + " in " + dir);
        }
        if (!seen.add(m)) return;
        Softdep sd = softdeps.get(m);
        if (sd != null) for (String s : sd.pre()) visitSoft(s, out, seen);
        List<String> ds = deps.getOrDefault(m, List.of());
        for (int i = ds.size() - 1; i >= 0; i--) visit(ds.get(i), out, seen);
        out.add(m);
        if (sd != null) for (String s : sd.post()) visitSoft(s, out, seen);
    }

    private void visitSoft(String alias, Set<String> out, Set<String> seen) {
        for (String t : lookup(alias)) {
            if (files.containsKey(t)) visit(t, out, seen);
        }
    }

    /** A module's .modinfo (key → values), read from its file. */
    public Map<String, List<String>> modinfo(String name) throws IOException {
        Path f = file(name);
        String s = f.getFileName().toString();
        if (s.endsWith(".ko")) return ElfFile.read(f).modinfo();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
             InputStream in = s.endsWith(".xz") ? new XZInputStream(raw)
                     : s.endsWith(".zst") ? new ZstdInputStream(raw)
                     : s.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return ElfFile.parse(in.readAllBytes(), f.toString()).modinfo();
        }
    }

    /** The firmware files a module names (relative to /lib/firmware); none for built-in modules. */
    public List<String> firmware(String name) throws IOException {
        if (!isModule(name)) return List.of();
        return modinfo(name).getOrDefault("firmware", List.of());
    }

    /** The index files present (modules.dep, modules.dep.bin, modules.alias, …), sorted. */
    public List<Path> indexFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("modules.") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** "softdep MODULE pre: A B post: C" (words before pre:/post: mean nothing to kmod). */
    private void addSoftdep(String line) {
        String[] w = line.trim().split("\\s+");
        if (w.length < 3 || !w[0].equals("softdep")) return;
        String mod = normalize(w[1]);
        Softdep old = softdeps.getOrDefault(mod, new Softdep(List.of(), List.of()));
        List<String> pre = new ArrayList<>(old.pre()), post = new ArrayList<>(old.post());
        List<String> mode = null;
        for (int i = 2; i < w.length; i++) {
            if (w[i].equals("pre:")) mode = pre;
            else if (w[i].equals("post:")) mode = post;
            else if (mode != null) mode.add(w[i]);
        }
        softdeps.put(mod, new Softdep(List.copyOf(pre), List.copyOf(post)));
    }

    /** modules.builtin.modinfo: "module.key=value" NUL-separated; the aliases of built-in modules. */
    private void readBuiltinModinfo(Path f) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return;
        }
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == 0) {
                if (i > start) {
                    String s = new String(b, start, i - start, StandardCharsets.UTF_8);
                    int dot = s.indexOf('.');
                    if (dot > 0 && s.startsWith("alias=", dot + 1)) {
                        String mod = normalize(s.substring(0, dot));
                        builtinAliases.add(s.substring(dot + 7), mod);
                    }
                }
                start = i + 1;
            }
        }
    }

    private static List<String> lines(Path f) throws IOException {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
