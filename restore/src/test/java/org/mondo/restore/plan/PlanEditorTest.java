package org.mondo.restore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Disk;
import org.mondo.layout.Layout;
import org.mondo.layout.Partition;

/** Interactive mode's edits and the check that guards the restore. */
class PlanEditorTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static RestorePlan exactPlan() throws Exception {
        Layout l = SampleLayouts.onlyNvme(SampleLayouts.vmUefiNvmeLvmRaid1());
        return new Planner(l, DataNeeds.of(l, List.of()), Planner.Options.DEFAULT).plan(
                List.of(new TargetDisk("/dev/nvme0n1", l.disks().getFirst().sizeBytes(), 512, "", false)));
    }

    @Test
    void theSampleIsConsistentAsIs() throws Exception {
        assertEquals(List.of(), PlanCheck.problems(exactPlan().target(), Map.of()));
    }

    @Test
    void growingALogicalVolumeOverItsGroupIsReportedAsOverAllocation() throws Exception {
        PlanEditor e = new PlanEditor(exactPlan());
        e.resize("/dev/mapper/vg0-root", 3 * GIB);
        RestorePlan p = e.plan();
        assertFalse(p.exact(), "an edited plan is not the backup's layout any more");
        assertEquals("", p.target().volumeGroups().getFirst().metadata(), "the VG is made anew");
        List<String> problems = PlanCheck.problems(p.target(), Map.of());
        assertTrue(problems.stream().anyMatch(x -> x.contains("vg0 is over-allocated")), problems.toString());
        e.resize("/dev/mapper/vg0-root", 1200 * MIB);
        assertEquals(List.of(), PlanCheck.problems(e.plan().target(), Map.of()));
    }

    @Test
    void growingAPartitionMovesTheNextOnesAndMayRunOverTheDisk() throws Exception {
        PlanEditor e = new PlanEditor(exactPlan());
        Disk before = e.layout().disks().getFirst();
        e.resize("/dev/nvme0n1p3", 600 * MIB);
        Disk d = e.layout().disks().getFirst();
        Partition p3 = d.partitions().get(2), p4 = d.partitions().get(3);
        assertEquals(600 * MIB / 512, p3.sectors());
        assertTrue(p4.start() > p3.end(), "the PV partition moved after /boot");
        assertEquals(before.partitions().get(3).sectors(), p4.sectors(), "and kept its size");
        List<String> problems = PlanCheck.problems(e.plan().target(), Map.of());
        assertTrue(problems.stream().anyMatch(x -> x.contains("past the end of /dev/nvme0n1")), problems.toString());
    }

    @Test
    void typesMountPointsDeletesAndAdditions() throws Exception {
        PlanEditor e = new PlanEditor(exactPlan());
        e.setType("/dev/mapper/vg0-var", "ext4");
        assertEquals("ext4", e.layout().fileSystem("/dev/mapper/vg0-var").orElseThrow().type());
        assertEquals("ext4", e.layout().mounts().stream().filter(m -> m.mountpoint().equals("/var")).findFirst().orElseThrow().type());
        e.setMountpoint("/dev/mapper/vg0-var", "/boot");
        assertTrue(PlanCheck.problems(e.plan().target(), Map.of()).stream().anyMatch(x -> x.startsWith("two filesystems on /boot")));
        e.setMountpoint("/dev/mapper/vg0-var", "/srv");
        e.delete("/dev/mapper/vg0-swap");
        assertTrue(e.layout().swaps().isEmpty());
        e.addLogicalVolume("vg0", "home", 200 * MIB, "xfs", "/home");
        assertEquals("/home", e.layout().mounts().stream().filter(m -> m.device().equals("/dev/mapper/vg0-home")).findFirst()
                .orElseThrow().mountpoint());
        e.delete("/dev/mapper/vg0-root");
        assertTrue(PlanCheck.problems(e.plan().target(), Map.of()).contains("no filesystem is mounted on /"));
        assertThrows(PlanEditor.EditException.class, () -> e.setType("/dev/mapper/vg0-home", "ntfs"));
        assertThrows(PlanEditor.EditException.class, () -> e.resize("/dev/nope", GIB));
        assertTrue(e.plan().changes().size() >= 5, e.plan().changes().toString());
    }

    @Test
    void aFilesystemSmallerThanItsDataIsReported() throws Exception {
        RestorePlan p = exactPlan();
        List<String> problems = PlanCheck.problems(p.target(), Map.of("/dev/mapper/vg0-root", 2 * GIB));
        assertTrue(problems.stream().anyMatch(x -> x.contains("too small for its data")), problems.toString());
    }
}
