package org.mondo.restore.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemFixupsTest {
    @Test
    void devicesAreRenamedAsWholeWordsAllAtOnce() {
        Map<String, String> m = Map.of("/dev/sda", "/dev/vdb", "/dev/sda1", "/dev/vdb1", "/dev/vdb", "/dev/sda",
                "/dev/vdb1", "/dev/sda1");
        assertEquals("/dev/vdb1 / ext4\n/dev/sda1 /x xfs\n/dev/sda10 /y\nUUID=/dev/sda1x\n",
                SystemFixups.rename("/dev/sda1 / ext4\n/dev/vdb1 /x xfs\n/dev/sda10 /y\nUUID=/dev/sda1x\n", m));
    }

    @Test
    void fstabIsRewrittenOnlyWhenANameChanged(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/fstab"), "/dev/sda1 / ext4 defaults 0 1\nUUID=abc /home ext4 defaults 0 2\n");
        Files.writeString(root.resolve("etc/default/grub"), "GRUB_CMDLINE_LINUX=\"resume=UUID=x\"\n");
        assertEquals(List.of("/etc/fstab"), SystemFixups.renameDevices(root, Map.of("/dev/sda1", "/dev/nvme0n1p1")));
        assertEquals("/dev/nvme0n1p1 / ext4 defaults 0 1\nUUID=abc /home ext4 defaults 0 2\n",
                Files.readString(root.resolve("etc/fstab")));
        assertEquals(List.of(), SystemFixups.renameDevices(root, Map.of("/dev/sda1", "/dev/sda1")));
    }

    @Test
    void selinuxSystemsRelabelAtFirstBoot(@TempDir Path root) throws Exception {
        assertFalse(SystemFixups.requestSelinuxRelabel(root));
        Files.createDirectories(root.resolve("etc/selinux"));
        Files.writeString(root.resolve("etc/selinux/config"), "SELINUX=disabled\n");
        assertFalse(SystemFixups.requestSelinuxRelabel(root));
        Files.writeString(root.resolve("etc/selinux/config"), "# x\nSELINUX=enforcing\nSELINUXTYPE=targeted\n");
        assertTrue(SystemFixups.requestSelinuxRelabel(root));
        assertTrue(Files.exists(root.resolve(".autorelabel")));
    }
}
