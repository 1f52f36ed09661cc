package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.mondo.layout.BootLoader;
import org.mondo.layout.FsOptions;

/** The boot sectors read in Java: GRUB's boot code in an MBR, a FAT32 BPB. */
class BootSectorsTest {

    @Test
    void findsGrubInTheNvmeDisksSectorZero() throws IOException {
        // grub-install --target=i386-pc wrote its boot.img there, keeping the protective MBR's table.
        assertEquals(BootLoader.Kind.GRUB_PC, BootCode.detect(Captures.disk(Captures.VM, "sectors-nvme0n1.txt").read(0, 512)));
        assertNull(BootCode.detect(Captures.disk(Captures.VM, "sectors-sda.txt").read(0, 512)));
    }

    @Test
    void readsTheEspsFatGeometry() throws IOException {
        byte[] bs = Captures.disk(Captures.VM, "sectors-nvme0n1.txt").read(2048 * 512, 512);
        assertEquals(new FsOptions.Vfat(32, 512, 512), VfatBootSector.parse(bs));
        assertNull(VfatBootSector.parse(new byte[512]));
    }
}
