package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.LvmPv;
import org.mondo.layout.VolumeGroup;

class LvmParserTest {

    @Test
    void readsPvsVgsAndLvs() {
        List<LvmPv> pvs = LvmParser.pvs(Captures.vm(LvmParser.PVS));
        assertEquals(List.of("/dev/nvme0n1p4", "/dev/sdb3", "/dev/sdc"), pvs.stream().map(LvmPv::device).toList());
        assertEquals(new LvmPv("/dev/sdc", "8kk4es-Bhps-EhLV-45L2-729u-tfQF-5GGHAZ", "data", 528482304, 536870912, 1048576),
                pvs.get(2));
        List<VolumeGroup> vgs = LvmParser.vgs(Captures.vm(LvmParser.VGS));
        assertEquals(8388608, vgs.getFirst().extentSizeBytes());
        assertEquals(115, vgs.getFirst().extentCount());
        List<LogicalVolume> lvs = LvmParser.lvs(Captures.vm(LvmParser.LVS));
        LogicalVolume stripe = lvs.getFirst();
        assertEquals("striped", stripe.segmentType());
        assertEquals(2, stripe.stripes());
        assertEquals(65536, stripe.stripeSizeBytes());
        assertEquals("/dev/sdb3(0),/dev/sdc(0)", stripe.devices());
        assertEquals("/dev/mapper/data-stripe", stripe.device());
        assertEquals("linear", lvs.get(1).segmentType());
    }

    @Test
    void skipsTheNoiseLvmMixesIn() {
        // Captured on a host without device-mapper: four warning lines before the report line.
        List<LogicalVolume> lvs = LvmParser.lvs(Captures.file(Captures.NODM, "lvm-lvs-with-attr.txt"));
        assertEquals(1, lvs.size());
        assertEquals(33554432, lvs.getFirst().sizeBytes());
        assertEquals(2, LvmParser.lvs(Captures.file(Captures.NODM, "lvm-lvs.txt")).size());
    }

    @Test
    void segmentsOfOneLvMakeOneLv() {
        String two = """
                  LVM2_VG_NAME='vg' LVM2_LV_NAME='home' LVM2_LV_UUID='u' LVM2_LV_SIZE='3145728' LVM2_SEGTYPE='linear' LVM2_STRIPES='1' LVM2_STRIPE_SIZE='0' LVM2_DEVICES='/dev/sda2(0)'
                  LVM2_VG_NAME='vg' LVM2_LV_NAME='home' LVM2_LV_UUID='u' LVM2_LV_SIZE='3145728' LVM2_SEGTYPE='linear' LVM2_STRIPES='1' LVM2_STRIPE_SIZE='0' LVM2_DEVICES='/dev/sdb1(0)'
                """;
        LogicalVolume lv = LvmParser.lvs(two).getFirst();
        assertEquals(2, lv.segments());
        assertEquals("/dev/sda2(0),/dev/sdb1(0)", lv.devices());
    }
}
