package org.mondo.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BackupDisksTest {
    private static Layout machine() throws Exception {
        return LayoutFormat.parse("""
                mondo-layout version=1
                firmware type=bios
                disk dev=/dev/vda size=3221225472 table=mbr id=0x1
                part dev=/dev/vda1 disk=/dev/vda number=1 start=2048 end=4000000 type=83
                part dev=/dev/vda2 disk=/dev/vda number=2 start=4001792 end=6000000 type=82
                disk dev=/dev/vdb size=4294967296 table=none
                fs dev=/dev/vda1 type=ext4 uuid=a
                fs dev=/dev/vdb type=ext4 uuid=b
                swap dev=/dev/vda2 uuid=s
                mount spec=UUID=a dev=/dev/vda1 mountpoint=/ type=ext4
                mount spec=UUID=b dev=/dev/vdb mountpoint=/mnt/bkp type=ext4
                bootloader type=grub-pc dev=/dev/vda
                """);
    }

    @Test
    void aDiskHoldingOnlyTheBackupDirectoryIsLeftOut() throws Exception {
        BackupDisks.Result r = BackupDisks.leaveOut(machine(), List.of("/mnt/bkp/isos", "/var/tmp"));
        assertEquals(List.of("/dev/vdb"), r.leftOut());
        assertEquals(List.of("/dev/vda"), r.layout().disks().stream().map(Disk::device).toList());
        assertTrue(r.layout().mounts().stream().noneMatch(m -> m.mountpoint().equals("/mnt/bkp")));
        assertEquals(1, r.layout().fileSystems().size());
    }

    @Test
    void theSystemDiskStaysEvenWhenTheBackupIsOnIt() throws Exception {
        BackupDisks.Result r = BackupDisks.leaveOut(machine(), List.of("/var/cache/mondo"));
        assertEquals(List.of(), r.leftOut());
        assertEquals(2, r.layout().disks().size());
    }
}
