package org.mondo.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mondo.tools.CommandResult;
import org.mondo.tools.CommandRunner;
import org.mondo.tools.MondoHome;
import org.mondo.volumes.RestoreConfig;
import org.mondo.volumes.VolumeWriter;

/**
 * Volume 1's boot environment, made by running mindi (as MondoRescue does) into the volume's
 * staging directory. mindi's output and log are in mondoarchive's log.
 */
final class MindiBootFiles implements VolumeWriter.BootFiles {
    private final BackupOptions o;
    private final RestoreConfig config;
    private final String volumeLabel;
    private final Path work;
    private List<String> args = List.of();
    private String summary = "";
    private final List<String> warnings = new ArrayList<>();

    MindiBootFiles(BackupOptions o, RestoreConfig config, String volumeLabel, Path work) {
        this.o = o;
        this.config = config;
        this.volumeLabel = volumeLabel;
        this.work = work;
    }

    @Override
    public long prepare(Path staging) throws IOException {
        Path cfg = work.resolve("mondorestore.cfg");
        try (var out = Files.newOutputStream(cfg)) {
            config.write(out);
        }
        Path argsFile = work.resolve("xorriso-boot-args");
        List<String> cmd = new ArrayList<>(List.of(MondoHome.program("mindi"), "--boot-files", staging.toString(),
                "--config", cfg.toString(), "--volume-label", volumeLabel, "--xorriso-args", argsFile.toString(),
                "--work", work.resolve("mindi").toString(), "--log", mindiLog().toString()));
        if (o.kernel() != null) cmd.addAll(List.of("-k", o.kernel().toString()));
        if (o.modulesDir() != null) cmd.addAll(List.of("--modules-dir", o.modulesDir().toString()));
        if (o.nukeByDefault()) cmd.add("--nuke-by-default");
        if (o.layoutFile() != null) cmd.addAll(List.of("--layout", o.layoutFile().toString()));
        for (Path p : new Path[] {o.dir(), o.tmpDir(), o.scratchDir()}) {
            if (p != null) cmd.addAll(List.of("--leave-out", p.toAbsolutePath().toString()));
        }
        if (!o.extraModules().isEmpty()) cmd.addAll(List.of("--extra-modules", String.join(" ", o.extraModules())));
        CommandResult r = CommandRunner.run(cmd);
        if (!r.succeeded()) {
            throw new IOException("mindi could not make the boot environment: " + r.lastLine().replaceFirst("^mindi: ", ""));
        }
        summary = r.lastLine();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("warning: ")) warnings.add(line.substring(9));
        }
        copyLog();
        args = Files.readAllLines(argsFile);
        // The archives/ directory fills with pieces meanwhile (mindi runs beside the archiving): not ours.
        Path pieces = staging.resolve(org.mondo.volumes.VolumeFiles.DIR);
        long[] bytes = {0};
        Files.walkFileTree(staging, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                return dir.equals(pieces) ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile()) bytes[0] += (a.size() + 2047) / 2048 * 2048;
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    /** mindi keeps its own log beside mondoarchive's (/var/log/mindi.log). */
    private Path mindiLog() {
        Path dir = o.log().toAbsolutePath().getParent();
        return dir.resolve("mindi.log");
    }

    /** mondoarchive's log includes mindi's, for one place to debug a backup. */
    private void copyLog() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("mondo.mindi");
        try {
            List<String> lines = Files.readAllLines(mindiLog());
            int start = 0;
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("==== mindi started")) start = i;
            for (String l : lines.subList(start, lines.size())) log.info("mindi.log| " + l);
        } catch (IOException e) {
            log.info("mindi.log not readable: " + e.getMessage());
        }
    }

    List<String> warnings() {
        return warnings;
    }

    String summary() {
        return summary;
    }

    @Override
    public List<String> xorrisoArgs() {
        return args;
    }
}
