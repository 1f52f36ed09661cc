package org.mondo.mindi.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.mondo.log.UserError;

/**
 * The programs and files a restore needs in the boot environment (MondoRescue's deplist idea):
 * the default list (deplist.conf beside this class), /etc/mindi/deplist.d/*.conf and entries by
 * option. {@link #resolve} finds each program on the PATH and adds it with its symlinks, its
 * other names in the PATH directories, its interpreter (scripts) and its shared libraries.
 */
public final class Deplist {
    private static final Logger LOG = Logger.getLogger("mondo.mindi.deps");
    public static final List<Path> PATH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"),
            Path.of("/bin"));
    public static final Path CONFIG_DIR = Path.of("/etc/mindi/deplist.d");
    static final String DEFAULT_LIST = "deplist.conf";

    /** One line: a program name or an absolute path, '*' allowed in its last part; origin is FILE:LINE. */
    public record Entry(String spec, boolean optional, String origin) {}

    /** The files, and the optional entries that were not there. */
    public record Result(FileSet files, List<Entry> absent) {}

    private final List<Entry> entries;

    private Deplist(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The list shipped with mindi. */
    public static Deplist defaults() throws IOException, UserError {
        try (InputStream in = Deplist.class.getResourceAsStream(DEFAULT_LIST)) {
            if (in == null) throw new IOException("missing resource org/mondo/mindi/deps/" + DEFAULT_LIST);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_LIST);
        }
    }

    /** The defaults, then CONFIG_DIR/*.conf (if any), then the option's entries. */
    public static Deplist standard(Collection<String> optionEntries) throws IOException, UserError {
        return defaults().plusDirectory(CONFIG_DIR).plusEntries(optionEntries, "option");
    }

    /** Parses a list; origin names it in messages. UserError for a line with more than one word. */
    public static Deplist parse(String text, String origin) throws UserError {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (l.isEmpty()) continue;
            out.add(entry(l, origin + ":" + (i + 1)));
        }
        return new Deplist(out);
    }

    /** This list and the entries of every *.conf in a directory, by name; unchanged when there is no such directory. */
    public Deplist plusDirectory(Path dir) throws IOException, UserError {
        if (!Files.isDirectory(dir)) return this;
        List<Path> confs;
        try (Stream<Path> s = Files.list(dir)) {
            confs = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
        }
        Deplist d = this;
        for (Path c : confs) d = d.plus(parse(Files.readString(c), c.toString()));
        return d;
    }

    /** This list and more entries (e.g. from an option), in the same syntax. */
    public Deplist plusEntries(Collection<String> specs, String origin) throws UserError {
        List<Entry> out = new ArrayList<>(entries);
        for (String s : specs) if (!s.isBlank()) out.add(entry(s.strip(), origin));
        return new Deplist(out);
    }

    public Deplist plus(Deplist other) {
        List<Entry> out = new ArrayList<>(entries);
        out.addAll(other.entries);
        return new Deplist(out);
    }

    private static Entry entry(String word, String origin) throws UserError {
        if (word.chars().anyMatch(Character::isWhitespace)) {
            throw new UserError(origin + ": one program or path a line, not \"" + word + "\"");
        }
        boolean optional = word.endsWith("?");
        String spec = optional ? word.substring(0, word.length() - 1) : word;
        if (spec.isEmpty() || (!spec.startsWith("/") && spec.contains("/"))) {
            throw new UserError(origin + ": \"" + word + "\" is neither a program name nor an absolute path");
        }
        return new Entry(spec, optional, origin);
    }

    /** Resolves against the host: PATH, /etc/ld.so.cache. */
    public Result resolve() throws IOException, UserError {
        return resolve(PATH, LibraryResolver.system());
    }

    /** The files of every entry; UserError naming each required entry that is not there. */
    public Result resolve(List<Path> path, LibraryResolver libraries) throws IOException, UserError {
        FileSet out = new FileSet();
        List<Entry> absent = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Resolution r = new Resolution(path, libraries, out);
        for (Entry e : entries) {
            List<Path> found = e.spec().startsWith("/") ? r.findPaths(e.spec()) : r.findPrograms(e.spec());
            if (found.isEmpty()) {
                if (e.optional()) absent.add(e);
                else missing.add(e.spec() + " (" + e.origin() + ")");
                continue;
            }
            for (Path p : found) r.add(p, !e.spec().startsWith("/"));
        }
        if (!missing.isEmpty()) {
            boolean one = missing.size() == 1;
            throw new UserError("the restore needs " + String.join(", ", missing) + ", not found (PATH "
                    + String.join(":", path.stream().map(Path::toString).toList()) + "): install " + (one ? "it" : "them")
                    + ", or mark " + (one ? "it" : "them") + " optional with a trailing '?'", 1);
        }
        if (!absent.isEmpty()) {
            LOG.info("optional deplist entries not here: "
                    + String.join(" ", absent.stream().map(Entry::spec).toList()));
        }
        return new Result(out, List.copyOf(absent));
    }

    /** The state of one resolve: what is done, and the PATH directories' symlinks by target. */
    private static final class Resolution {
        private final List<Path> path;
        private final LibraryResolver libraries;
        private final FileSet out;
        private final Set<Path> done = new HashSet<>();
        private Map<Path, List<Path>> otherNames;

        Resolution(List<Path> path, LibraryResolver libraries, FileSet out) {
            this.path = path;
            this.libraries = libraries;
            this.out = out;
        }

        /** The program by that name on the PATH (first directory wins), or every match of a '*' name, by name. */
        List<Path> findPrograms(String name) throws IOException {
            Map<String, Path> found = new TreeMap<>();
            for (Path dir : path) {
                if (name.contains("*")) {
                    for (Path p : list(dir, name)) {
                        if (isProgram(p)) found.putIfAbsent(p.getFileName().toString(), p);
                    }
                } else {
                    Path p = dir.resolve(name);
                    if (isProgram(p)) return List.of(p);
                }
            }
            return List.copyOf(found.values());
        }

        /** An absolute path if it exists (through its symlinks), or every match of a '*' in its last part. */
        List<Path> findPaths(String spec) throws IOException {
            Path p = Path.of(spec).normalize();
            if (p.getFileName() != null && p.getFileName().toString().contains("*")) {
                return list(p.getParent(), p.getFileName().toString()).stream().filter(Files::exists).toList();
            }
            return Files.exists(p) ? List.of(p) : List.of();
        }

        private static List<Path> list(Path dir, String glob) throws IOException {
            if (!Files.isDirectory(dir)) return List.of();
            List<Path> out = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) if (Glob.matches(glob, p.getFileName().toString())) out.add(p);
            }
            out.sort(null);
            return out;
        }

        private static boolean isProgram(Path p) {
            return Files.isRegularFile(p) && Files.isExecutable(p);
        }

        /** A program or file with what it needs; a directory whole. */
        void add(Path p, boolean program) throws IOException {
            if (Files.isDirectory(p)) {
                Path real = out.addTree(p);
                List<Path> files;
                try (Stream<Path> s = Files.walk(real)) {
                    files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
                }
                for (Path f : files) addFile(f);
                return;
            }
            Path real = addFile(p);
            if (program) {
                for (Path other : otherNames().getOrDefault(real, List.of())) out.add(other);
            }
        }

        /** A file, its libraries if it is a dynamic ELF program or library, its interpreter if it is a script. */
        private Path addFile(Path p) throws IOException {
            Path real = out.add(p);
            if (!done.add(real) || !Files.isRegularFile(real)) return real;
            if (ElfFile.isElf(real)) {
                ElfFile elf = ElfFile.read(real);
                if (elf.type() == ElfFile.ET_EXEC || elf.type() == ElfFile.ET_DYN) libraries.addClosure(p, out);
            } else {
                String interp = interpreter(real);
                if (interp != null) {
                    Path ip = Path.of(interp);
                    if (Files.isRegularFile(ip)) addFile(ip);
                    else LOG.warning(p + ": its interpreter " + interp + " is not here");
                }
            }
            return real;
        }

        /** The program after "#!" on a script's first line, or null. */
        static String interpreter(Path file) throws IOException {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(256);
            }
            if (head.length < 3 || head[0] != '#' || head[1] != '!') return null;
            String line = new String(head, 2, head.length - 2, StandardCharsets.ISO_8859_1);
            int nl = line.indexOf('\n');
            if (nl >= 0) line = line.substring(0, nl);
            String[] w = line.strip().split("[ \t]+");
            return w.length == 0 || !w[0].startsWith("/") ? null : w[0];
        }

        /** Real file → the symlinks in the PATH directories that lead to it (lvm → vgcreate, lvcreate, …). */
        private Map<Path, List<Path>> otherNames() throws IOException {
            if (otherNames != null) return otherNames;
            otherNames = new HashMap<>();
            Set<Path> dirs = new HashSet<>();
            for (Path dir : path) {
                if (!Files.isDirectory(dir) || !dirs.add(FileSet.realPath(dir))) continue;
                List<Path> links = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path p : ds) if (Files.isSymbolicLink(p)) links.add(p);
                }
                links.sort(null);
                for (Path l : links) {
                    try {
                        otherNames.computeIfAbsent(FileSet.realPath(l), k -> new ArrayList<>()).add(l);
                    } catch (IOException dangling) {
                        // a symlink to nothing names no program
                    }
                }
            }
            return otherNames;
        }
    }
}
