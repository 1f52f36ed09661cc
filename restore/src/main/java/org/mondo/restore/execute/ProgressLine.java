package org.mondo.restore.execute;

/** Where a step says what it is doing now: the console and the log. */
@FunctionalInterface
public interface ProgressLine {
    void say(String what);
}
