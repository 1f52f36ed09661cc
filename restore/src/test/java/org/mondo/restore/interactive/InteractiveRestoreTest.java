package org.mondo.restore.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.restore.plan.PlanCheck;
import org.mondo.restore.plan.PlanEditor;
import org.mondo.restore.plan.SampleLayouts;

/** The page interactive mode shows, through the plain screen, without a backup. */
class InteractiveRestoreTest {
    @Test
    void plainScreenPrintsPagesAndReadsLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainScreen s = new PlainScreen(new ByteArrayInputStream("size x 1g\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        s.show(List.of("line one", "line two"));
        assertEquals("size x 1g", s.readLine("mondo> "));
        assertEquals(null, s.readLine("mondo> "));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("line one\nline two\nmondo> "), out);
    }

    @Test
    void terminalAnswersThatArriveLateAreNotTakenForTypedText() {
        assertEquals("size /dev/vda3 2g", FullScreen.withoutReplies("[?1;2csize /dev/vda3 2g"));
        assertEquals("restore", FullScreen.withoutReplies("\u001b[?2026;2$yrestore"));
        assertEquals("ls /etc", FullScreen.withoutReplies("ls /etc[24;80R"));
        assertEquals("only /home/a[1]", FullScreen.withoutReplies("only /home/a[1]"));
        assertEquals("only /x[2c/y", FullScreen.withoutReplies("only /x[2c/y"), "only at either end of the line");
    }

    @Test
    void helpNamesEveryCommandTheIssueAsksFor() {
        String help = String.join("\n", InteractiveRestore.HELP);
        for (String c : List.of("size", "type", "mount", "delete", "addpart", "addlv", "ls", "only", "restore", "to",
                "bootloader", "quit")) {
            assertTrue(help.contains(c), c);
        }
    }

    /**
     * A machine whose disks the planner cannot map by itself: the page says so and shows both sides,
     * plan edits are refused until {@code map} chooses, then the plan appears; nothing is written.
     */
    @Test
    void anAmbiguousMappingIsSettledByMap(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path src = java.nio.file.Files.createDirectories(tmp.resolve("src"));
        java.nio.file.Files.writeString(src.resolve("a.txt"), "a\n");
        java.nio.file.Path out = java.nio.file.Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, org.mondo.archive.MondoArchive.execute(new String[] {"-OiW", "-d", out.toString(), "-I", src.toString(),
                "-T", java.nio.file.Files.createDirectories(tmp.resolve("t")).toString(), "--log", tmp.resolve("a.log").toString()}));
        var l = SampleLayouts.onlyNvme(SampleLayouts.vmUefiNvmeLvmRaid1());
        var targets = List.of(new org.mondo.restore.plan.TargetDisk("/dev/vda", 4L << 30, 512, "", false),
                new org.mondo.restore.plan.TargetDisk("/dev/vdb", 8L << 30, 512, "", false));
        var needs = org.mondo.restore.plan.DataNeeds.of(l, List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainScreen screen = new PlainScreen(new ByteArrayInputStream(
                "size /dev/vdb3 5g\nmap /dev/nvme0n1 /dev/vdb\nquit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (var backup = org.mondo.read.Backup.open(out, "mondorescue")) {
            var session = new InteractiveRestore(new org.mondo.restore.plan.DiskChoice(
                    new org.mondo.restore.plan.Planner(l, needs, org.mondo.restore.plan.Planner.Options.DEFAULT), targets),
                    backup, needs, null, tmp.resolve("root"), java.util.Map.of(), d -> List.of());
            assertEquals(1, session.run(screen));
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains(">> no plan: more than one disk could take /dev/nvme0n1"), shown);
        assertTrue(shown.contains("disks of this machine: /dev/vda 4.0 GiB, /dev/vdb 8.0 GiB"), shown);
        assertTrue(shown.contains(">> no plan yet: map the backup's disks"), "an edit before map is refused:\n" + shown);
        assertTrue(shown.contains(">> /dev/nvme0n1 goes to /dev/vdb: the plan was made anew"), shown);
        assertTrue(shown.contains("would partition") || shown.contains("/dev/vdb"), shown);
    }

    @Test
    void anEditShowsUpInTheCheck() throws Exception {
        var l = SampleLayouts.vmUefiNvmeLvmRaid1();
        var plan = new org.mondo.restore.plan.Planner(l, org.mondo.restore.plan.DataNeeds.of(l, List.of()),
                org.mondo.restore.plan.Planner.Options.DEFAULT).plan(l.disks().stream()
                        .map(d -> new org.mondo.restore.plan.TargetDisk(d.device(), d.sizeBytes(), 512, "", false)).toList());
        PlanEditor e = new PlanEditor(plan);
        e.setMountpoint("/dev/md0", "/");
        assertTrue(PlanCheck.problems(e.plan().target(), java.util.Map.of()).stream().anyMatch(x -> x.startsWith("two filesystems on /:")));
    }
}
