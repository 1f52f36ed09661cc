package org.mondo.restore.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.FsOptions;
import org.mondo.layout.Layout;
import org.mondo.layout.MdArray;
import org.mondo.layout.Swap;
import org.mondo.restore.plan.SampleLayouts;

/** The command lines the restore gives sfdisk, mke2fs, mkfs.xfs, mkfs.vfat, mkswap and mdadm. */
class ToolCommandsTest {
    @Test
    void sfdiskScriptRepeatsTheGptExactly() throws Exception {
        Layout l = SampleLayouts.vmUefiNvmeLvmRaid1();
        String s = Sfdisk.script(l.disks().getFirst());
        assertTrue(s.startsWith("label: gpt\nlabel-id: 9AE457E2-8B80-714A-9601-E784AB6E054D\nunit: sectors\n"
                + "first-lba: 2048\nlast-lba: 6291422\ntable-length: 128\nsector-size: 512\n\n"), s);
        assertTrue(s.contains("/dev/nvme0n1p1 : start=2048, size=204800, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, "
                + "uuid=46A42B84-0E18-B545-958C-9B2C04750F78, name=\"EFI System Partition\"\n"), s);
        assertTrue(s.contains("/dev/nvme0n1p3 : start=208896, size=614400, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, "
                + "uuid=88AEF7B7-7E5A-CD4E-B54D-BCFE06ED3458, name=\"boot\", attrs=\"LegacyBIOSBootable\"\n"), s);
    }

    @Test
    void sfdiskScriptOfAnMbrKeepsExtendedLogicalsAndTheBootFlag() throws Exception {
        Disk sda = SampleLayouts.vmUefiNvmeLvmRaid1().disks().get(1);
        String s = Sfdisk.script(sda);
        assertTrue(s.startsWith("label: dos\nlabel-id: 0x39684877\nunit: sectors\nsector-size: 512\n\n"), s);
        assertTrue(s.contains("/dev/sda1 : start=2048, size=614400, type=83, bootable\n"), s);
        assertTrue(s.contains("/dev/sda2 : start=616448, size=1480704, type=5\n"), s);
        assertTrue(s.contains("/dev/sda5 : start=618496, size=819200, type=fd\n"), s);
    }

    @Test
    void gptAttributeBitsInSfdisksWords() {
        assertEquals("RequiredPartition LegacyBIOSBootable GUID:60,63", Sfdisk.attributes(1L | 4L | (1L << 60) | (1L << 63)));
        assertEquals("", Sfdisk.attributes(0));
    }

    @Test
    void ext4IsMadeWithItsUuidLabelFeaturesAndSizes() throws Exception {
        FileSystem root = SampleLayouts.vmUefiNvmeLvmRaid1().fileSystem("/dev/mapper/vg0-root").orElseThrow();
        assertEquals(List.of("mke2fs", "-F", "-q", "-t", "ext4", "-U", "bb8bbf41-bc78-432d-9dfe-e7ed80e7bec3", "-L", "root",
                "-b", "4096", "-I", "256", "-O", "none,has_journal,ext_attr,resize_inode,dir_index,filetype,extent,64bit,"
                        + "flex_bg,sparse_super,large_file,huge_file,dir_nlink,extra_isize,metadata_csum",
                "-N", "65536", "-m", "4.9999", "/dev/mapper/vg0-root", "262144"), Mkfs.command(root, true));
        List<String> resized = Mkfs.command(root, false);
        assertTrue(resized.containsAll(List.of("-i", "16384")), resized.toString());
        assertEquals("/dev/mapper/vg0-root", resized.getLast(), "no block count: mkfs fills the new size");
    }

    @Test
    void xfsIsMadeWithItsUuidAndV5Features() throws Exception {
        FileSystem var = SampleLayouts.vmUefiNvmeLvmRaid1().fileSystem("/dev/mapper/vg0-var").orElseThrow();
        assertEquals(List.of("mkfs.xfs", "-f", "-i", "size=512,sparse=1", "-b", "size=4096", "-s", "size=512", "-d",
                "agcount=4", "-l", "size=67108864", "-n", "ftype=1", "-m",
                "uuid=ef586cd7-fe11-4b3a-aac9-71bda7b948c6,crc=1,finobt=1,rmapbt=0,reflink=1,bigtime=1,inobtcount=1", "-L",
                "var", "/dev/mapper/vg0-var"), Mkfs.command(var, true));
        assertTrue(!Mkfs.command(var, false).contains("agcount=4"), "a resized xfs gets mkfs's own geometry");
    }

    @Test
    void vfatKeepsItsVolumeIdAndGeometry() {
        FileSystem esp = new FileSystem("/dev/vda1", "vfat", "7895-0E4B", "EFI", new FsOptions.Vfat(32, 512, 512));
        assertEquals(List.of("mkfs.vfat", "-F", "32", "-S", "512", "-s", "1", "-i", "78950E4B", "-n", "EFI", "/dev/vda1"),
                Mkfs.command(esp, true));
    }

    @Test
    void swapKeepsUuidAndLabel() {
        assertEquals(List.of("mkswap", "-f", "-U", "5a88b46b", "-L", "swap", "/dev/vg/swap"),
                Mkfs.swapCommand(new Swap("/dev/vg/swap", "5a88b46b", "swap", 1, -1, true)));
    }

    @Test
    void mdadmCreatesTheArrayWithItsUuidNameAndSlots() throws Exception {
        MdArray md = SampleLayouts.vmUefiNvmeLvmRaid1().mdArrays().getFirst();
        assertEquals(List.of("mdadm", "--create", "/dev/md0", "--run", "--metadata=1.2", "--level=raid1", "--raid-devices=2",
                "--uuid=f5a4b93b:a0aa45c4:cee6a9ce:9a2f3e94", "--homehost=mondo-vm", "--name=home", "/dev/sda5", "/dev/sdb1"),
                Mdadm.createCommand(md));
        MdArray degraded = new MdArray("/dev/md1", "", "raid1", 2, 0, "1.2", "u", 0, "", 0,
                List.of(new MdArray.Member("/dev/vdb1", "1", "active sync")));
        assertEquals(List.of("missing", "/dev/vdb1"), Mdadm.createCommand(degraded).subList(8, 10), "slot 0 missing");
    }
}
