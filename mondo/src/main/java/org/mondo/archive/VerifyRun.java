package org.mondo.archive;

import org.mondo.compare.CompareEngine;
import org.mondo.compare.CompareReport;
import org.mondo.log.RunLog;
import org.mondo.progress.ProgressMeter;
import org.mondo.read.Backup;

/**
 * -V: reads the newest backup in -d back from its volumes and compares it with the live system,
 * with the engine `mondorestore -Z compare` uses. Exit 0 when nothing differs, 1 otherwise.
 */
final class VerifyRun {
    private final BackupOptions o;

    VerifyRun(BackupOptions o) {
        this.o = o;
    }

    int run() throws Exception {
        if (RunLog.current() == null) RunLog.open(o.log(), "mondoarchive", o.commandLine());
        ProgressMeter progress = ProgressMeter.forConsole();
        try (Backup backup = Backup.open(o.dir(), o.prefix())) {
            progress.message("Verifying backup " + backup.backupId() + " (" + backup.volumes().size()
                    + " volume(s)) against the live system…");
            CompareEngine.Result r = new CompareEngine(backup, new byte[] {'/'}, o.threads(), progress).run(e -> true);
            return CompareReport.report(r, CompareReport.defaultFile(), System.out);
        }
    }
}
