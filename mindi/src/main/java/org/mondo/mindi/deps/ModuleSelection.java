package org.mondo.mindi.deps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import org.mondo.log.UserError;

/**
 * Which kernel modules go into the boot environment: (a) those loaded now, (b) those whose
 * aliases match this machine's hardware (every modalias under /sys/devices), (c) the classes of
 * modules.conf (storage, file systems, md/dm, network, console, checksums) so the backup restores
 * on other hardware too, and (d) extra ones by option or config file — each with its modules.dep
 * closure and softdeps, in load order, and the firmware it names that is present.
 * Names the kernel lacks are reported; for explicitly requested extras they are an error.
 */
public final class ModuleSelection {
    private static final Logger LOG = Logger.getLogger("mondo.mindi.deps");
    static final String DEFAULT_CLASSES = "modules.conf";

    /**
     * What goes in. moduleFiles are relative to modulesDir (kernel/fs/xfs/xfs.ko) in load order;
     * firmware are files under firmwareRoot; reasons says why each requested module is there;
     * notFound the names (class lists, loaded modules) this kernel has no module for.
     */
    public record Result(String kernelVersion, Path modulesDir, List<String> loadOrder, List<String> moduleFiles,
                         List<Path> indexFiles, Path firmwareRoot, List<Path> firmware, Map<String, String> reasons,
                         List<String> notFound, List<String> missingFirmware) {}

    private final ModuleIndex index;
    private Path procModules = Path.of("/proc/modules");
    private Path sysDevices = Path.of("/sys/devices");
    private Map<String, List<String>> classes;
    private final List<String> extras = new ArrayList<>();
    private final List<Path> extraConfigs = new ArrayList<>();
    private Path firmwareRoot = Path.of("/lib/firmware");

    public ModuleSelection(ModuleIndex index) {
        this.index = index;
    }

    /** Where the loaded modules are listed (default /proc/modules; null: none). */
    public ModuleSelection loadedFrom(Path procModulesFile) {
        this.procModules = procModulesFile;
        return this;
    }

    /** Where the devices' modalias files are (default /sys/devices; null: none). */
    public ModuleSelection hardwareFrom(Path sysDevicesDir) {
        this.sysDevices = sysDevicesDir;
        return this;
    }

    /** The class lists (default: the modules.conf resource); an empty map for none. */
    public ModuleSelection classes(Map<String, List<String>> classLists) {
        this.classes = new LinkedHashMap<>(classLists);
        return this;
    }

    /** Modules asked for by option; an error when the kernel does not have one. */
    public ModuleSelection extra(Collection<String> names) {
        extras.addAll(names);
        return this;
    }

    /** A file of extra modules (one name a line, '#' comments); an error when it does not exist. */
    public ModuleSelection extraConfig(Path file) {
        extraConfigs.add(file);
        return this;
    }

    /** Where firmware is looked for (default /lib/firmware). */
    public ModuleSelection firmwareRoot(Path dir) {
        this.firmwareRoot = dir;
        return this;
    }

    /** The default class lists shipped with mindi. */
    public static Map<String, List<String>> defaultClasses() throws IOException {
        try (InputStream in = ModuleSelection.class.getResourceAsStream(DEFAULT_CLASSES)) {
            if (in == null) throw new IOException("missing resource org/mondo/mindi/deps/" + DEFAULT_CLASSES);
            return parseLists(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** "[class]" headers and names separated by blanks and new lines, '#' comments; names before any header are in "extra". */
    public static Map<String, List<String>> parseLists(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = "extra";
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (l.isEmpty()) continue;
            if (l.startsWith("[") && l.endsWith("]")) {
                current = l.substring(1, l.length() - 1).trim();
                out.computeIfAbsent(current, k -> new ArrayList<>());
                continue;
            }
            for (String w : l.split("\\s+")) out.computeIfAbsent(current, k -> new ArrayList<>()).add(w);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    public Result select() throws IOException, UserError {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String> notFound = new ArrayList<>();
        for (String m : loadedModules()) {
            if (!request(m, "loaded now", reasons)) notFound.add(m + " (loaded now)");
        }
        for (Map.Entry<String, Set<String>> e : hardwareModules().entrySet()) {
            for (String m : e.getValue()) reasons.putIfAbsent(m, "hardware " + e.getKey());
        }
        Map<String, List<String>> cls = classes != null ? classes : defaultClasses();
        for (Map.Entry<String, List<String>> e : cls.entrySet()) {
            for (String m : e.getValue()) {
                if (!request(m, "class " + e.getKey(), reasons)) notFound.add(m + " (class " + e.getKey() + ")");
            }
        }
        List<String> badExtras = new ArrayList<>();
        for (String m : extras) {
            if (!request(m, "requested", reasons)) badExtras.add(m);
        }
        for (Path f : extraConfigs) {
            String text;
            try {
                text = Files.readString(f);
            } catch (NoSuchFileException e) {
                throw new UserError("the module list " + f + " does not exist");
            }
            for (List<String> names : parseLists(text).values()) {
                for (String m : names) if (!request(m, "listed in " + f, reasons)) badExtras.add(m + " (" + f + ")");
            }
        }
        if (!badExtras.isEmpty()) {
            throw new UserError("kernel " + index.version() + " has no module " + String.join(", ", badExtras)
                    + " (" + index.directory() + ")");
        }
        for (String n : notFound) LOG.info("kernel " + index.version() + " has no module " + n);

        List<String> order = index.loadOrder(reasons.keySet());
        List<String> files = order.stream().map(m -> index.relativePath(m).orElseThrow()).toList();
        List<Path> firmware = new ArrayList<>();
        List<String> missingFirmware = new ArrayList<>();
        Set<String> seenFw = new LinkedHashSet<>();
        for (String m : order) {
            for (String fw : index.firmware(m)) {
                if (!seenFw.add(fw)) continue;
                Path p = findFirmware(fw);
                if (p != null) firmware.add(p);
                else missingFirmware.add(fw + " (" + m + ")");
            }
        }
        LOG.info(order.size() + " modules (" + reasons.size() + " asked for), " + firmware.size() + " firmware files, "
                + missingFirmware.size() + " named firmware files absent");
        return new Result(index.version(), index.directory(), order, files, index.indexFiles(), firmwareRoot,
                List.copyOf(firmware), reasons, List.copyOf(notFound), List.copyOf(missingFirmware));
    }

    /** Adds what a name stands for; false when the kernel knows nothing by that name. */
    private boolean request(String name, String why, Map<String, String> reasons) {
        Set<String> found = index.lookup(name);
        if (found.isEmpty()) return false;
        for (String m : found) if (index.isModule(m)) reasons.putIfAbsent(m, why);
        return true;
    }

    /** The names in /proc/modules (none when it is absent: a kernel without modules, a container). */
    List<String> loadedModules() throws IOException {
        if (procModules == null) return List.of();
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procModules, StandardCharsets.UTF_8)) {
                String[] w = line.trim().split("\\s+");
                if (!w[0].isEmpty()) out.add(w[0]);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return out;
    }

    /** modalias → the modules (with a file) whose aliases match it, for every device under sysDevices. */
    Map<String, Set<String>> hardwareModules() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String alias : modaliases()) {
            Set<String> ms = new LinkedHashSet<>();
            for (String m : index.matchModalias(alias)) if (index.isModule(m)) ms.add(m);
            if (!ms.isEmpty()) out.put(alias, ms);
        }
        return out;
    }

    /** Every distinct modalias under sysDevices, in path order (symlinks not followed). */
    List<String> modaliases() throws IOException {
        if (sysDevices == null || !Files.isDirectory(sysDevices)) return List.of();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(sysDevices, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().equals("modalias")) files.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // unreadable corners of sysfs
            }
        });
        files.sort(null);
        Set<String> out = new LinkedHashSet<>();
        for (Path f : files) {
            try {
                String s = Files.readString(f, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) out.add(s);
            } catch (IOException | UncheckedIOException e) {
                // a device that went away, or an attribute that cannot be read: nothing to match
            }
        }
        return List.copyOf(out);
    }

    /** The file the kernel would load for a firmware name: updates/VERSION, updates, VERSION, then the root; plain, .zst, .xz. */
    Path findFirmware(String name) {
        String v = index.version();
        for (String suffix : List.of("", ".zst", ".xz")) {
            for (String sub : List.of("updates/" + v + "/", "updates/", v + "/", "")) {
                Path p = firmwareRoot.resolve(sub + name + suffix);
                if (Files.isRegularFile(p)) return p;
            }
        }
        return null;
    }
}
