package org.mondo.mindi.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.mondo.tools.CommandResult;
import org.mondo.tools.CommandRunner;

/**
 * This machine. Commands run through {@link CommandRunner} (so each is logged) in the C locale,
 * since the parsers read English labels (dumpe2fs, mdadm), and with LVM's warnings about
 * inherited descriptors turned off. CommandRunner keeps only the last 64 KiB of output, which a
 * big machine's lsblk or lvs can exceed: such a command is run again with its output sent to a
 * file, so no device is silently lost from the head of the list.
 */
public final class LiveMachine implements Machine {
    private final Map<String, String> env;

    public LiveMachine() {
        this(Map.of());
    }

    /** With extra environment variables for every command (e.g. LVM_SYSTEM_DIR in tests). */
    public LiveMachine(Map<String, String> extraEnv) {
        env = new HashMap<>(extraEnv);
        env.putIfAbsent("LC_ALL", "C");
        env.putIfAbsent("LVM_SUPPRESS_FD_WARNINGS", "1");
    }

    /** Below CommandRunner's 64 KiB by more than any line we parse: output this long may have lost its head. */
    static final int MAY_BE_CUT = 60 * 1024;

    @Override
    public CommandResult run(List<String> argv) throws IOException {
        CommandResult r = CommandRunner.run(argv, null, null, env);
        if (r.output().getBytes(StandardCharsets.UTF_8).length < MAY_BE_CUT) return r;
        Path out = Files.createTempFile("mondo-output-", ".txt");
        try {
            List<String> sh = new ArrayList<>(List.of("sh", "-c", "\"$@\" > \"$MONDO_OUT\" 2>&1", "sh"));
            sh.addAll(argv);
            Map<String, String> e = new HashMap<>(env);
            e.put("MONDO_OUT", out.toString());
            CommandResult whole = CommandRunner.run(sh, null, null, e);
            return new CommandResult(whole.exitCode(), readFile(out.toString()), whole.elapsed());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public boolean hasProgram(String program) {
        return CommandRunner.which(program).isPresent();
    }

    @Override
    public String readFile(String path) throws IOException {
        // Not Files.readString: a stray non-UTF-8 byte (a label in /proc/self/mountinfo) must not fail the read.
        return new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = Path.of(dir);
        if (!Files.isDirectory(p)) return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public String realPath(String path) throws IOException {
        return Path.of(path).toRealPath().toString();
    }

    @Override
    public SectorReader open(String device) throws IOException {
        return BlockDevice.open(device);
    }

    @Override
    public long usedBytes(String mountpoint) {
        try {
            java.nio.file.FileStore store = Files.getFileStore(Path.of(mountpoint));
            return Math.max(0, store.getTotalSpace() - store.getUnallocatedSpace());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
