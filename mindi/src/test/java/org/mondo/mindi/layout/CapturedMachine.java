package org.mondo.mindi.layout;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.mondo.tools.CommandResult;

/**
 * A machine replayed from what capture/guest-capture.sh saved on a real one: command outputs
 * with their exit status (commands.txt), files (files.txt), sysfs (sysfs.txt), directory listings
 * (dirs.txt), /dev symlinks (links.txt) and disk sectors (sectors-DISK.txt). A command that was
 * not captured fails the test: the reader and the capture must agree on every argument.
 */
final class CapturedMachine implements Machine {
    private record Command(int exit, String file, List<String> argv) {}

    private final Path dir;
    private final List<Command> commands = new ArrayList<>();
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, String> sysfs = new HashMap<>();
    private final Map<String, List<String>> dirs = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    final List<List<String>> ran = new ArrayList<>();

    private CapturedMachine(Path dir) {
        this.dir = dir;
    }

    static Path resource(String name) {
        try {
            return Path.of(CapturedMachine.class.getResource("/layout/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CapturedMachine load(String scenario) throws IOException {
        CapturedMachine m = new CapturedMachine(resource(scenario));
        for (String line : m.lines("commands.txt")) {
            String[] f = line.split("\t");
            m.commands.add(new Command(Integer.parseInt(f[0]), f[1], List.of(f).subList(2, f.length)));
        }
        for (String line : m.lines("files.txt")) {
            String[] f = line.split("\t");
            m.files.put(f[0], f[1]);
        }
        for (String line : m.lines("sysfs.txt")) {
            int eq = line.indexOf('=');
            m.sysfs.put("/sys/" + line.substring(0, eq), line.substring(eq + 1));
        }
        for (String line : m.lines("dirs.txt")) {
            String[] f = line.split("\t", -1);
            m.dirs.put(f[0], f[1].isEmpty() ? List.of() : List.of(f[1].split(" ")));
        }
        for (String line : m.lines("links.txt")) {
            String[] f = line.split("\t");
            m.links.put(f[0], f[1]);
        }
        return m;
    }

    private List<String> lines(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readAllLines(p).stream().filter(s -> !s.isBlank()).toList() : List.of();
    }

    @Override
    public CommandResult run(List<String> argv) throws IOException {
        ran.add(argv);
        for (Command c : commands) {
            if (!matches(c.argv(), argv)) continue;
            String out = Files.readString(dir.resolve(c.file()));
            int at = c.argv().indexOf("{FILE}");
            if (at >= 0) {
                // vgcfgbackup -f FILE: the capture holds what it wrote to FILE.
                Files.writeString(Path.of(argv.get(at)), out);
                out = "";
            }
            return new CommandResult(c.exit(), out, Duration.ZERO);
        }
        throw new AssertionError("not captured in " + dir.getFileName() + ": " + String.join(" ", argv));
    }

    private static boolean matches(List<String> captured, List<String> argv) {
        if (captured.size() != argv.size()) return false;
        for (int i = 0; i < argv.size(); i++) {
            if (!captured.get(i).equals("{FILE}") && !captured.get(i).equals(argv.get(i))) return false;
        }
        return true;
    }

    @Override
    public boolean hasProgram(String program) {
        return commands.stream().anyMatch(c -> c.argv().getFirst().equals(program));
    }

    @Override
    public String readFile(String path) throws IOException {
        if (files.containsKey(path)) return Files.readString(dir.resolve(files.get(path)));
        if (sysfs.containsKey(path)) return sysfs.get(path) + "\n";
        throw new NoSuchFileException(path);
    }

    @Override
    public boolean exists(String path) {
        if (files.containsKey(path) || dirs.containsKey(path) || links.containsKey(path)) return true;
        return sysfs.keySet().stream().anyMatch(k -> k.equals(path) || k.startsWith(path + "/"));
    }

    @Override
    public List<String> list(String path) {
        if (dirs.containsKey(path)) return dirs.get(path);
        TreeSet<String> names = new TreeSet<>();
        String prefix = path + "/";
        for (Map.Entry<String, String> e : sysfs.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String rest = e.getKey().substring(prefix.length());
            if (rest.isEmpty()) {
                if (!e.getValue().isEmpty()) names.addAll(List.of(e.getValue().split(" ")));
            } else {
                names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String realPath(String path) {
        return links.getOrDefault(path, path);
    }

    @Override
    public SectorReader open(String device) throws IOException {
        String name = device.substring(device.lastIndexOf('/') + 1);
        if (device.startsWith("/dev/mapper/") || name.startsWith("dm-") || name.startsWith("md")) {
            throw new IOException("no sectors captured for " + device);
        }
        Path dump = dir.resolve("sectors-" + name + ".txt");
        if (Files.exists(dump)) return SparseDisk.load(dump);
        for (String disk : list("/sys/block")) {
            String start = sysfs.get("/sys/block/" + disk + "/" + name + "/start");
            if (start == null) continue;
            long size = Long.parseLong(sysfs.get("/sys/block/" + disk + "/" + name + "/size"));
            return SparseDisk.load(dir.resolve("sectors-" + disk + ".txt")).slice(Long.parseLong(start) * 512, size * 512);
        }
        throw new NoSuchFileException(device);
    }
}
