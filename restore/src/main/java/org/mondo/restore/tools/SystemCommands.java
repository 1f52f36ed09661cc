package org.mondo.restore.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mondo.tools.CommandRunner;
import org.mondo.tools.ToolException;

/** Runs the programs for real through {@link CommandRunner}, which logs each one and its output. */
public final class SystemCommands implements Commands {
    @Override
    public String check(List<String> argv, String input) throws ToolException {
        if (input == null) return CommandRunner.check(argv).output();
        Path in = null;
        try {
            in = Files.createTempFile("mondo-stdin", ".txt");
            Files.writeString(in, input);
            return CommandRunner.check(argv, null, in, null).output();
        } catch (IOException e) {
            throw new ToolException("cannot write the input of " + argv.getFirst() + ": " + e.getMessage(), e);
        } finally {
            if (in != null) {
                try {
                    Files.deleteIfExists(in);
                } catch (IOException ignored) {
                    // a temporary file in /tmp: not worth failing the restore for
                }
            }
        }
    }

    @Override
    public int status(List<String> argv) throws ToolException {
        return CommandRunner.run(argv).exitCode();
    }
}
