package org.mondo.restore.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mondo.restore.plan.DataNeeds;
import org.mondo.restore.plan.PlanEditor;
import org.mondo.restore.plan.Planner;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.plan.SampleLayouts;
import org.mondo.restore.plan.TargetDisk;

class InitramfsStepTest {
    @Test
    void theNewDisksDriversAreWhatTheInitramfsMustHave() throws Exception {
        var l = SampleLayouts.vmUefiNvmeLvmRaid1();
        RestorePlan p = new Planner(l, DataNeeds.of(l, List.of()), Planner.Options.DEFAULT).plan(List.of(
                new TargetDisk("/dev/vda", 3L << 30, 512, "", false), new TargetDisk("/dev/vdb", 1L << 30, 512, "", false),
                new TargetDisk("/dev/sdb", 1L << 30, 512, "", false), new TargetDisk("/dev/nvme1n1", 512L << 20, 512, "", false)));
        assertEquals(Set.of("virtio_blk", "sd_mod", "nvme"), InitramfsStep.drivers(p.target()));
        assertEquals(List.of(), InitramfsStep.newIds(p), "nuke keeps every UUID");
        PlanEditor e = new PlanEditor(p);
        e.setType("/dev/mapper/vg0-var", "vfat");
        assertTrue(InitramfsStep.newIds(e.plan()).contains("/dev/mapper/vg0-var has a new UUID"));
    }
}
