package org.mondo.restore.tools;

import java.util.List;

import org.mondo.tools.ToolException;

/** eject: opens a CD/DVD drive's tray (unlocks it first, as the kernel locks a drive in use). */
public final class Eject {
    private final Commands commands;

    public Eject(Commands commands) {
        this.commands = commands;
    }

    /** Returns false when the drive would not open (the caller asks for the disc anyway). */
    public boolean open(String device) throws ToolException {
        return commands.status(List.of("eject", device)) == 0;
    }
}
