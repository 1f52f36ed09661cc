package org.mondo.restore.bootenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mondo.restore.tools.SystemCommands;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mondorestore --boot-env on a backup's volume 1 and on a rescue disc (no backup-id, a rescue-id), with the layout
 * captured from a QEMU machine (mondo's test resources) or none; /sys/block and /etc/mondo are directories here.
 */
class BootEnvRunTest {
    @TempDir
    Path tmp;

    Path etc;
    Path sysBlock;

    @BeforeEach
    void setUp() throws IOException {
        etc = Files.createDirectories(tmp.resolve("etc/mondo"));
        sysBlock = tmp.resolve("sys/block");
        // The disks of restore/src/test/resources/bootmedia/nuke-test.layout, at their sizes.
        for (String[] d : new String[][] {{"sr0", "262144"}, {"vda", "4194304"}, {"vdb", "2097152"}, {"vdc", "2097152"}}) {
            Files.createDirectories(sysBlock.resolve(d[0]));
            Files.writeString(sysBlock.resolve(d[0]).resolve("size"), d[1] + "\n");
        }
        Files.writeString(tmp.resolve("medium"), "/dev/sr0\n");
    }

    private record Run(int status, String out) {}

    private Run run(String cfg, boolean layout, String mode, String... words) throws Exception {
        Files.writeString(etc.resolve("mondorestore.cfg"), cfg);
        if (layout) {
            try (InputStream in = getClass().getResourceAsStream("/bootmedia/nuke-test.layout")) {
                Files.write(etc.resolve("layout.conf"), in.readAllBytes());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = new BootEnvRun(new BootEnvironment(etc, tmp.resolve("cdrom"), tmp.resolve("medium")), sysBlock,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new SystemCommands(), tmp.resolve("mnt"))
                .run(mode, List.of(words));
        return new Run(rc, bytes.toString(StandardCharsets.UTF_8));
    }

    static final String BACKUP = "backup-id 20261122-abc\nhostname web1\ndatestamp 2026-11-22\n";
    static final String RESCUE = "rescue-id rescue-42\nhostname web1\ndatestamp 2026-11-22T06:00:00Z\n";

    @Test
    void aRescueDiscShowsThePartitioningButHasNothingToRestore() throws Exception {
        Run dry = run(RESCUE, true, "nuke", "dryrun");
        assertEquals(0, dry.status(), dry.out());
        assertTrue(dry.out().startsWith("Mondo rescue disc rescue-42 of web1 made 2026-11-22T06:00:00Z, medium /dev/sr0:"
                + " it carries no backup"), dry.out());
        assertTrue(dry.out().contains("would partition /dev/vda as /dev/vda was (exactly)"), dry.out());
        assertTrue(dry.out().contains("/dev/md0 raid1 over /dev/vdb1 /dev/vdc1: ext4 /home label mhome"), dry.out());
        assertTrue(dry.out().contains("nuke: dry run, no disk was changed"), dry.out());
        assertTrue(!dry.out().contains("  /dev/sr0  "), "the medium is not a target: " + dry.out());
        for (String mode : List.of("nuke", "compare", "interactive")) {
            Run r = run(RESCUE, true, mode);
            assertEquals(1, r.status(), r.out());
            assertTrue(r.out().contains(mode + ": this rescue disc carries no backup"), r.out());
            assertTrue(!r.out().contains("would partition"), r.out());
        }
    }

    /** Disks the planner cannot map alone: nuke stops naming them; map= on the kernel command line settles it. */
    @Test
    void mapOnTheCommandLineSettlesAnAmbiguousMapping() throws Exception {
        org.mondo.tools.FileTrees.delete(sysBlock);
        for (String[] d : new String[][] {{"sr0", "262144"}, {"sda", "6291456"}, {"sdb", "10485760"}, {"sdc", "2097152"},
                {"sdd", "2097152"}}) {
            Files.createDirectories(sysBlock.resolve(d[0]));
            Files.writeString(sysBlock.resolve(d[0]).resolve("size"), d[1] + "\n");
        }
        Run stopped = run(RESCUE, true, "nuke", "dryrun");
        assertEquals(1, stopped.status(), stopped.out());
        assertTrue(stopped.out().contains("more than one disk could take /dev/vda") && stopped.out().contains("map=SRC:DST"),
                stopped.out());
        Run mapped = run(RESCUE, true, "nuke", "dryrun", "map=vda:sdb,/dev/vdb:/dev/sdc,vdc:sdd");
        assertEquals(0, mapped.status(), mapped.out());
        for (String m : List.of("would partition /dev/sdb as /dev/vda was (resized)", "would partition /dev/sdc as /dev/vdb was",
                "would partition /dev/sdd as /dev/vdc was")) {
            assertTrue(mapped.out().contains(m), m + ":\n" + mapped.out());
        }
        org.mondo.log.UserError bad = org.junit.jupiter.api.Assertions.assertThrows(org.mondo.log.UserError.class,
                () -> run(RESCUE, true, "nuke", "dryrun", "map=vda"));
        assertTrue(bad.getMessage().contains("each pair is SRC:DST"), bad.getMessage());
    }

    @Test
    void withoutALayoutNukeSaysSo() throws Exception {
        Run r = run(RESCUE, false, "nuke", "dryrun");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("carries no disk layout"), r.out());
    }
}
