package org.mondo.restore.tools;

import java.util.ArrayList;
import java.util.List;

import org.mondo.tools.ToolException;

/** mount and umount. */
public final class Mounter {
    private final Commands commands;

    public Mounter(Commands commands) {
        this.commands = commands;
    }

    public void mount(String device, String dir, String type, String options) throws ToolException {
        List<String> a = new ArrayList<>(List.of("mount"));
        if (type != null && !type.isEmpty()) a.addAll(List.of("-t", type));
        if (options != null && !options.isEmpty()) a.addAll(List.of("-o", options));
        a.add(device);
        a.add(dir);
        commands.check(a);
    }

    /** Read-only without journal replay: mounting to look must not write a single block. */
    public static String readOnlyOptions(String type) {
        return switch (type == null ? "" : type) {
            case "ext3", "ext4" -> "ro,noload";
            case "xfs" -> "ro,norecovery";
            default -> "ro";
        };
    }

    public void bind(String from, String dir) throws ToolException {
        commands.check(List.of("mount", "--bind", from, dir));
    }

    /** Returns false when it could not be unmounted (the caller says so and goes on). */
    public boolean unmount(String dir) throws ToolException {
        return commands.status(List.of("umount", dir)) == 0 || commands.status(List.of("umount", "-l", dir)) == 0;
    }
}
