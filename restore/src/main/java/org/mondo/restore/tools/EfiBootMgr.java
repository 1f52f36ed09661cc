package org.mondo.restore.tools;

import java.util.List;

import org.mondo.tools.ToolException;

/** efibootmgr: one NVRAM boot entry for a file on an ESP partition. */
public final class EfiBootMgr {
    private final Commands commands;

    public EfiBootMgr(Commands commands) {
        this.commands = commands;
    }

    public void create(String disk, int partition, String label, String file) throws ToolException {
        commands.check(List.of("efibootmgr", "--create", "--disk", disk, "--part", String.valueOf(partition), "--label",
                label, "--loader", file));
    }
}
