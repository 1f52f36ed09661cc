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
