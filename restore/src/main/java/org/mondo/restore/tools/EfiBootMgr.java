package org.mondo.restore.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.mondo.tools.ToolException;

/** efibootmgr: one NVRAM boot entry for a file on an ESP partition. */
public final class EfiBootMgr {
    private final Commands commands;
    private final Path efivars;

    public EfiBootMgr(Commands commands) {
        this(commands, Path.of("/sys/firmware/efi/efivars"));
    }

    /** {@code efivars}: where the firmware's variables are mounted (a parameter for tests). */
    public EfiBootMgr(Commands commands, Path efivars) {
        this.commands = commands;
        this.efivars = efivars;
    }

    /**
     * efibootmgr reads and writes NVRAM through efivarfs, which a minimal boot environment may not
     * have mounted: mounts it when this machine booted by UEFI and it is not there yet.
     */
    public void mountVariables() throws ToolException {
        if (!Files.isDirectory(efivars)) return;
        try (Stream<Path> s = Files.list(efivars)) {
            if (s.findAny().isPresent()) return;
        } catch (IOException e) {
            return;
        }
        commands.status(List.of("mount", "-t", "efivarfs", "efivarfs", efivars.toString()));
    }

    /** Where the firmware's variables are (bound into the restored system for grub-install). */
    public Path variables() {
        return efivars;
    }

    public void create(String disk, int partition, String label, String file) throws ToolException {
        mountVariables();
        commands.check(List.of("efibootmgr", "--create", "--disk", disk, "--part", String.valueOf(partition), "--label",
                label, "--loader", file));
    }
}
