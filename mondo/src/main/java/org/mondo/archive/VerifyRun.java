package org.mondo.archive;

/** -V: compares the newest backup in -d with the live system (the compare engine of mondorestore). */
final class VerifyRun {
    private final BackupOptions o;

    VerifyRun(BackupOptions o) {
        this.o = o;
    }

    int run() throws Exception {
        throw new org.mondo.log.UserError("-V is being wired to the compare engine");
    }
}
