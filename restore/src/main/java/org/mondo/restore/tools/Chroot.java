package org.mondo.restore.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mondo.tools.ToolException;

/**
 * Runs the restored system's own programs (grub-install, update-initramfs) inside it, with /dev,
 * /proc, /sys and /run bound in, so their versions match what the system boots with.
 */
public final class Chroot {
    private final Commands commands;
    private final Path root;

    public Chroot(Commands commands, Path root) {
        this.commands = commands;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Whether the restored system has this program (absolute path inside it). */
    public boolean has(String program) {
        return Files.isExecutable(root.resolve(program.substring(1)));
    }

    public String run(String... argv) throws ToolException {
        List<String> a = new ArrayList<>(List.of("chroot", root.toString()));
        a.addAll(List.of(argv));
        return commands.check(a);
    }
}
