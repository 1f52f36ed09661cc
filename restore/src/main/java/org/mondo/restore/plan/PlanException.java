package org.mondo.restore.plan;

/** The layout cannot be laid onto these disks without a person deciding: the message says why. */
public final class PlanException extends Exception {
    public PlanException(String message) {
        super(message);
    }
}
