package org.mondo.log;

/** A problem the user can fix (bad option, missing tool, no space): shown as one line, exit status given. */
public final class UserError extends Exception {
    private final int exitCode;

    public UserError(String message) {
        this(message, 2);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
