package org.mondo.restore.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.layout.Layout;
import org.mondo.restore.plan.DataNeeds;
import org.mondo.restore.plan.Planner;
import org.mondo.restore.plan.SampleLayouts;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.plan.TargetDisk;
import org.mondo.restore.tools.Commands;

/** The order of the storage steps and that only the plan's disks are touched, with recorded commands. */
class StorageBuilderTest {
    static final class Recording implements Commands {
        final List<String> lines = new ArrayList<>();

        @Override
        public String check(List<String> argv, String input) {
            lines.add(String.join(" ", argv));
            return "";
        }

        @Override
        public int status(List<String> argv) {
            lines.add(String.join(" ", argv));
            return 0;
        }
    }

    @Test
    void exactPlanWipesPartitionsMakesArraysRestoresVgsThenFilesystems(@TempDir Path work) throws Exception {
        Layout l = SampleLayouts.vmUefiNvmeLvmRaid1();
        List<TargetDisk> same = l.disks().stream().map(d -> new TargetDisk(d.device(), d.sizeBytes(), 512, "", false)).toList();
        RestorePlan plan = new Planner(l, DataNeeds.of(l, List.of()), Planner.Options.DEFAULT).plan(same);
        Recording r = new Recording();
        Map<String, List<String>> existing = Map.of("/dev/sda", List.of("/dev/sda1", "/dev/sda2"));
        new StorageBuilder(r, d -> existing.getOrDefault(d, List.of()), new DeviceNodes(0) {
            @Override
            public void await(List<String> devices) {}
        }, work, true).build(plan, s -> {});
        List<String> c = r.lines;
        assertTrue(c.contains("wipefs --all --force /dev/sda1"), c.toString());
        assertTrue(c.stream().noneMatch(x -> x.startsWith("wipefs") && x.contains("/dev/vd")), "only the plan's disks");
        int sfdisk = index(c, "sfdisk --wipe always --wipe-partitions always /dev/nvme0n1");
        int md = index(c, "mdadm --create /dev/md0");
        int pv = index(c, "lvm pvcreate --config");
        int vgrestore = index(c, "lvm vgcfgrestore");
        int mkfs = index(c, "mke2fs -F -q -t ext4 -U bb8bbf41");
        assertTrue(sfdisk < md && md < pv && pv < vgrestore && vgrestore < mkfs, c.toString());
        assertTrue(c.stream().anyMatch(x -> x.startsWith("lvm pvcreate") && x.contains("--uuid 7xTZiv-LiZW-oTDJ-jEt2-fxiC-5fNu-H3qx2y")
                && x.contains("--restorefile")), c.toString());
        assertTrue(c.stream().anyMatch(x -> x.startsWith("btrfs subvolume create")), "btrfs subvolumes made: " + c);
        assertTrue(c.stream().anyMatch(x -> x.startsWith("mkswap -f -U 50f3b2b1")), c.toString());
        assertEquals(1, c.stream().filter(x -> x.startsWith("mkfs.xfs")).count());
    }

    private static int index(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no command starting with '" + prefix + "' in " + lines);
    }
}
