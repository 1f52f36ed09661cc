package org.mondo.restore.tools;

import java.util.List;

import org.mondo.tools.ToolException;

/** btrfs: subvolumes made again, by path, on a new filesystem mounted at its top level. */
public final class Btrfs {
    private final Commands commands;

    public Btrfs(Commands commands) {
        this.commands = commands;
    }

    public void createSubvolume(String path) throws ToolException {
        commands.check(List.of("btrfs", "subvolume", "create", path));
    }

    public void setDefault(String path) throws ToolException {
        commands.check(List.of("btrfs", "subvolume", "set-default", path));
    }
}
