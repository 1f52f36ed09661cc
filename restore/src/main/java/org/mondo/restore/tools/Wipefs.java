package org.mondo.restore.tools;

import java.util.List;

import org.mondo.tools.ToolException;

/** wipefs: removes old filesystem, RAID and LVM signatures so nothing stale is found again. */
public final class Wipefs {
    private final Commands commands;

    public Wipefs(Commands commands) {
        this.commands = commands;
    }

    public void wipe(String device) throws ToolException {
        commands.check(List.of("wipefs", "--all", "--force", device));
    }
}
