package org.mondo.restore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Disk;
import org.mondo.layout.Layout;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.MdArray;
import org.mondo.layout.Partition;
import org.mondo.layout.VolumeGroup;

/**
 * The planner on a layout read from a real machine (UEFI, NVMe with ESP, BIOS boot, /boot and an
 * LVM PV; SATA disks with MBR extended/logical partitions, md RAID1, a striped VG over a partition
 * and a whole disk).
 */
class PlannerTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    static Layout layout() throws IOException {
        return SampleLayouts.vmUefiNvmeLvmRaid1();
    }

    private static Planner planner(Layout l, Planner.Options o) {
        return new Planner(l, DataNeeds.of(l, List.of()), o);
    }

    private static List<TargetDisk> sameDisks(Layout l) {
        return l.disks().stream().map(d -> new TargetDisk(d.device(), d.sizeBytes(), d.logicalSectorSize(), "", false)).toList();
    }

    @Test
    void theSameDisksGiveTheVeryLayoutBack() throws Exception {
        Layout l = layout();
        RestorePlan p = planner(l, Planner.Options.DEFAULT).plan(sameDisks(l));
        assertTrue(p.exact());
        assertEquals(l.disks(), p.target().disks(), "same starts, ends, types, PARTUUIDs, GPT range");
        assertEquals(l.volumeGroups(), p.target().volumeGroups(), "vgcfgbackup kept for vgcfgrestore");
        assertEquals(l.mdArrays(), p.target().mdArrays());
        assertEquals(l.fileSystems(), p.target().fileSystems());
        assertTrue(p.changes().isEmpty(), p.changes().toString());
    }

    @Test
    void disksOfTheSameSizesUnderOtherNamesAreMappedBySizeThenInOrder() throws Exception {
        Layout l = layout();
        List<TargetDisk> t = List.of(new TargetDisk("/dev/vda", 3 * GIB, 512, "", false),
                new TargetDisk("/dev/vdb", GIB, 512, "", false), new TargetDisk("/dev/vdc", GIB, 512, "", false),
                new TargetDisk("/dev/vdd", 512 * MIB, 512, "", false));
        RestorePlan p = planner(l, Planner.Options.DEFAULT).plan(t);
        assertEquals(Map.of("/dev/nvme0n1", "/dev/vda", "/dev/sda", "/dev/vdb", "/dev/sdb", "/dev/vdc", "/dev/sdc", "/dev/vdd"),
                p.diskMap());
        assertFalse(p.exact(), "renamed disks: fstab and initramfs need fixing");
        Disk vda = p.target().disks().getFirst();
        assertEquals("/dev/vda1", vda.partitions().getFirst().device());
        assertEquals(l.disks().getFirst().partitions().getFirst().start(), vda.partitions().getFirst().start(),
                "same geometry: same sectors");
        MdArray md = p.target().mdArrays().getFirst();
        assertEquals(List.of("/dev/vdb5", "/dev/vdc1"), md.members().stream().map(MdArray.Member::device).toList());
        assertEquals("/dev/vda4", p.target().physicalVolumes().stream().filter(x -> x.vg().equals("vg0")).findFirst()
                .orElseThrow().device());
        assertEquals("/dev/vda", p.target().bootLoaders().stream().filter(b -> b.kind().text().equals("grub-pc"))
                .findFirst().orElseThrow().device());
        assertEquals("/dev/vdd", p.target().physicalVolumes().stream().filter(x -> x.vg().equals("data")
                && !x.device().startsWith("/dev/vdc")).findFirst().orElseThrow().device(), "whole-disk PV follows its disk");
    }

    @Test
    void aBiggerDiskGrowsTheResizablePartitionsAndKeepsBootEspAndBiosBoot() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        Disk src = l.disks().getFirst();
        RestorePlan p = planner(l, Planner.Options.DEFAULT).plan(List.of(new TargetDisk("/dev/vda", 6 * GIB, 512, "", false)));
        Disk d = p.target().disks().getFirst();
        for (int n = 1; n <= 3; n++) {
            assertEquals(src.partitions().get(n - 1).sectors(), d.partitions().get(n - 1).sectors(), "partition " + n + " keeps its size");
        }
        Partition pv = d.partitions().get(3);
        assertTrue(pv.sectors() > 2 * src.partitions().get(3).sectors() * 0.95, "the PV partition grew: " + pv);
        assertTrue(pv.end() <= d.lastLba(), "inside the GPT's usable range");
        assertEquals(0, pv.start() % 2048, "1 MiB aligned");
        assertEquals(6 * GIB / 512 - 34, d.lastLba());
        VolumeGroup vg = p.target().volumeGroups().stream().filter(v -> v.name().equals("vg0")).findFirst().orElseThrow();
        assertEquals("", vg.metadata(), "resized VG is made anew, not vgcfgrestored");
        LogicalVolume root = lv(p, "root");
        assertTrue(root.sizeBytes() > 1.9 * GIB, "LVs grow with the VG: " + root.sizeBytes());
        assertTrue(p.target().logicalVolumes().stream().filter(x -> x.vg().equals("vg0")).mapToLong(LogicalVolume::sizeBytes)
                .sum() <= vg.extentCount() * vg.extentSizeBytes());
        assertFalse(p.exact());
    }

    @Test
    void aSmallerDiskThatHoldsTheDataShrinksTheRest() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        RestorePlan p = planner(l, Planner.Options.DEFAULT).plan(List.of(new TargetDisk("/dev/vda", 2 * GIB + 512 * MIB, 512, "", false)));
        Disk d = p.target().disks().getFirst();
        assertTrue(d.partitions().get(3).end() <= d.lastLba());
        assertTrue(lv(p, "var").sizeBytes() >= DataNeeds.XFS_MINIMUM, "xfs keeps at least mkfs.xfs's minimum");
    }

    @Test
    void aDiskTooSmallForTheDataStopsThePlanWithTheReason() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        PlanException e = assertThrows(PlanException.class,
                () -> planner(l, Planner.Options.DEFAULT).plan(List.of(new TargetDisk("/dev/vda", 512 * MIB, 512, "", false))));
        assertTrue(e.getMessage().contains("/dev/vda") || e.getMessage().contains("needs"), e.getMessage());
    }

    @Test
    void twoPossibleTargetsOfDifferentSizesAreAmbiguous() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        PlanException e = assertThrows(PlanException.class, () -> planner(l, Planner.Options.DEFAULT).plan(List.of(
                new TargetDisk("/dev/vda", 4 * GIB, 512, "", false), new TargetDisk("/dev/vdb", 8 * GIB, 512, "", false))));
        assertTrue(e.getMessage().contains("more than one disk"), e.getMessage());
        assertTrue(e.getMessage().contains("interactive"), e.getMessage());
    }

    @Test
    void theAdminsChoiceSettlesAnAmbiguousMapping() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        List<TargetDisk> t = List.of(new TargetDisk("/dev/vda", 4 * GIB, 512, "", false),
                new TargetDisk("/dev/vdb", 8 * GIB, 512, "", false));
        DiskChoice choice = new DiskChoice(planner(l, Planner.Options.DEFAULT), t);
        assertThrows(PlanException.class, choice::plan);
        choice.choose("/dev/nvme0n1", "/dev/vdb");
        assertEquals(Map.of("/dev/nvme0n1", "/dev/vdb"), choice.plan().diskMap());
        assertTrue(String.join("\n", choice.describe()).contains("chosen: /dev/nvme0n1 -> /dev/vdb"), choice.describe().toString());
        choice.choose("/dev/nvme0n1", "/dev/vda");
        assertEquals(Map.of("/dev/nvme0n1", "/dev/vda"), choice.plan().diskMap(), "the latest choice wins");
    }

    @Test
    void aChoiceOfAMissingOrTooSmallDiskIsRefusedWithTheReason() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        List<TargetDisk> t = List.of(new TargetDisk("/dev/vda", 512 * MIB, 512, "", false),
                new TargetDisk("/dev/vdb", 8 * GIB, 512, "", false));
        DiskChoice choice = new DiskChoice(planner(l, Planner.Options.DEFAULT), t);
        choice.choose("/dev/nvme0n1", "/dev/vda");
        assertTrue(assertThrows(PlanException.class, choice::plan).getMessage().contains("/dev/vda (512 MiB) is too small"));
        choice.choose("/dev/nvme0n1", "/dev/vdz");
        assertTrue(assertThrows(PlanException.class, choice::plan).getMessage().contains("/dev/vdz is not a free disk"));
        DiskChoice other = new DiskChoice(planner(l, Planner.Options.DEFAULT), t);
        other.choose("/dev/sdq", "/dev/vdb");
        assertTrue(assertThrows(PlanException.class, other::plan).getMessage().contains("the backup has no disk /dev/sdq"));
    }

    @Test
    void noresizeKeepsEverySizeOnABiggerDisk() throws Exception {
        Layout l = SampleLayouts.onlyNvme(layout());
        RestorePlan p = planner(l, new Planner.Options(true, false)).plan(List.of(new TargetDisk("/dev/vda", 6 * GIB, 512, "", false)));
        Disk src = l.disks().getFirst(), d = p.target().disks().getFirst();
        for (int i = 0; i < src.partitions().size(); i++) {
            assertEquals(src.partitions().get(i).sectors(), d.partitions().get(i).sectors());
            assertEquals(src.partitions().get(i).start(), d.partitions().get(i).start());
        }
        assertEquals(1 * GIB, lv(p, "root").sizeBytes(), "same PV size: LVs as they were");
        assertTrue(p.changes().stream().anyMatch(c -> c.contains("noresize")), p.changes().toString());
    }

    @Test
    void nopartUsesTheDisksAsTheyAre() throws Exception {
        Layout l = layout();
        RestorePlan p = planner(l, new Planner.Options(false, true)).plan(List.of());
        assertFalse(p.partition());
        assertEquals(l, p.target());
    }

    @Test
    void mbrLogicalPartitionsStayInsideTheirExtendedPartitionWhenResized() throws Exception {
        Layout full = layout();
        Disk sda = full.disks().get(1);
        Layout l = new Layout(1, "h", "", full.firmware(), List.of(sda), List.of(), List.of(), List.of(), List.of(),
                full.fileSystems().stream().filter(f -> f.device().startsWith("/dev/sda")).toList(),
                full.swaps().stream().filter(s -> s.device().startsWith("/dev/sda")).toList(), List.of(), List.of(),
                List.of(), List.of());
        RestorePlan p = planner(l, Planner.Options.DEFAULT).plan(List.of(new TargetDisk("/dev/sdx", 2 * GIB, 512, "", false)));
        Disk d = p.target().disks().getFirst();
        Partition ext = d.partitions().stream().filter(x -> x.role() == Partition.Role.EXTENDED).findFirst().orElseThrow();
        for (Partition x : d.partitions()) {
            if (x.role() == Partition.Role.LOGICAL) {
                assertTrue(x.start() > ext.start() && x.end() <= ext.end(), x + " inside " + ext);
            }
        }
        assertTrue(d.partitions().stream().allMatch(x -> x.end() < 2 * GIB / 512));
    }

    private static LogicalVolume lv(RestorePlan p, String name) {
        return p.target().logicalVolumes().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }


}
