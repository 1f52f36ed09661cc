package org.mondo.tools;

import java.io.IOException;
import java.util.Optional;

/**
 * An external tool that is missing, could not be started, or exited non-zero. The message is one
 * line, fit for the console; the full (bounded) output is in {@link #result()} and in the log.
 */
public final class ToolException extends IOException {
    private final transient CommandResult result;

    public ToolException(String message) {
        super(message);
        this.result = null;
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
        this.result = null;
    }

    public ToolException(String message, CommandResult result) {
        super(message);
        this.result = result;
    }

    /** The run that failed; empty when the tool was missing or could not be started. */
    public Optional<CommandResult> result() {
        return Optional.ofNullable(result);
    }
}
