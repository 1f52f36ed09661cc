package org.mondo.archive;

import java.io.IOException;
import java.nio.file.Path;

import org.mondo.tools.CommandResult;
import org.mondo.tools.CommandRunner;
import org.mondo.volumes.VolumeWriter;

/** -B and -A: shell commands run before and after each volume, with _ISO_ and _CD#_ replaced. */
final class VolumeHooks implements VolumeWriter.Hooks {
    private final String before;
    private final String after;

    VolumeHooks(String before, String after) {
        this.before = before;
        this.after = after;
    }

    static String expand(String command, Path iso, int volume) {
        return command.replace("_ISO_", iso.toString()).replace("_CD#_", Integer.toString(volume));
    }

    @Override
    public void before(Path iso, int volume) throws IOException {
        run("-B", before, iso, volume);
    }

    @Override
    public void after(Path iso, int volume) throws IOException {
        run("-A", after, iso, volume);
    }

    private static void run(String opt, String command, Path iso, int volume) throws IOException {
        if (command == null || command.isBlank()) return;
        CommandResult r = CommandRunner.runShell(expand(command, iso, volume));
        if (!r.succeeded()) {
            String last = r.lastLine();
            throw new IOException(opt + " command failed for volume " + volume + " (exit " + r.exitCode() + ")"
                    + (last == null || last.isBlank() ? "" : ": " + last));
        }
    }
}
