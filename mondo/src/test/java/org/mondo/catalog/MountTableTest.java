package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class MountTableTest {
    /** Captured from a real system and extended: optional fields, octal escapes, several types. */
    static final String MOUNTINFO = String.join("\n",
            "22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
            "23 28 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:13 - proc proc rw",
            "24 28 0:5 / /dev rw,nosuid,relatime shared:2 - devtmpfs udev rw,size=4014340k,nr_inodes=1003585,mode=755",
            "25 24 0:23 / /dev/pts rw,nosuid,noexec,relatime shared:3 - devpts devpts rw,gid=5,mode=620,ptmxmode=000",
            "26 28 0:24 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=807028k,mode=755",
            "28 1 253:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw,errors=remount-ro",
            "30 28 253:2 / /home rw,relatime shared:30 master:1 - xfs /dev/mapper/vg-home rw,attr2,inode64",
            "31 28 8:1 / /boot/efi rw,relatime shared:31 - vfat /dev/sda1 rw,fmask=0077,dmask=0077",
            "40 30 253:2 /alice /home/My\\040Documents rw,relatime shared:32 - ext4 /dev/sdb1 rw",
            "41 28 0:45 / /mnt/tab\\011and\\134back rw,relatime - ext4 /dev/sdc1 rw",
            "50 28 0:50 / /srv/nfs rw,relatime shared:40 - nfs4 fileserver:/export/data rw,vers=4.2,rsize=1048576",
            "51 28 0:51 / /var/lib/docker/overlay2/abc/merged rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u",
            "52 28 0:52 / /mnt/cifs rw,relatime - cifs //server/share rw,vers=3.1.1",
            "53 26 0:53 / /run/user/1000 rw,nosuid,nodev,relatime shared:300 - tmpfs tmpfs rw,size=403512k,mode=700",
            "54 28 0:54 / /mnt/caf\\303\\251 rw - btrfs /dev/sdd1 rw",
            "",
            "garbage line without separator",
            "") ;

    private static String mp(MountTable.Mount m) {
        return new String(m.mountPoint(), StandardCharsets.UTF_8);
    }

    @Test
    void parsesMountPointsTypesAndSources() {
        MountTable t = MountTable.parse(MOUNTINFO.getBytes(StandardCharsets.ISO_8859_1));
        List<MountTable.Mount> ms = t.mounts();
        assertEquals(15, ms.size(), "the garbage and blank lines are skipped");
        MountTable.Mount sys = ms.get(0);
        assertEquals("/sys", mp(sys));
        assertEquals("sysfs", sys.type());
        assertEquals("sysfs", sys.source());
        MountTable.Mount home = ms.get(6);
        assertEquals("/home", mp(home));
        assertEquals("xfs", home.type(), "two optional fields before the separator");
        assertEquals("/dev/mapper/vg-home", home.source());
        MountTable.Mount nfs = ms.get(10);
        assertEquals("nfs4", nfs.type());
        assertEquals("fileserver:/export/data", nfs.source());
        assertEquals("/", mp(ms.get(5)));
    }

    @Test
    void octalEscapesInMountPointsAreDecodedToBytes() {
        MountTable t = MountTable.parse(MOUNTINFO.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("/home/My Documents", mp(t.mounts().get(8)));
        assertEquals("/mnt/tab\tand\\back", mp(t.mounts().get(9)));
        // UTF-8 bytes escaped one by one come back as the same bytes
        assertArrayEquals("/mnt/café".getBytes(StandardCharsets.UTF_8), t.mounts().get(14).mountPoint());
    }

    @Test
    void rawNonAsciiBytesAreKept() {
        byte[] line = "60 28 0:60 / /mnt/\u00ff\u00fe rw - ext4 /dev/x rw\n".getBytes(StandardCharsets.ISO_8859_1);
        MountTable t = MountTable.parse(line);
        assertArrayEquals(new byte[] {'/', 'm', 'n', 't', '/', (byte) 0xff, (byte) 0xfe}, t.mounts().get(0).mountPoint());
    }

    @Test
    void escapeAtTheVeryEndOfTheMountPoint() {
        MountTable t = MountTable.parse("61 28 0:61 / /mnt/end\\040 rw - ext4 /dev/y rw\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("/mnt/end ", mp(t.mounts().get(0)));
    }

    @Test
    void excludedLeavesOutVirtualAlwaysAndNetworkOnRequest() {
        MountTable t = MountTable.parse(MOUNTINFO.getBytes(StandardCharsets.ISO_8859_1));
        Set<String> without = t.excluded(false).stream().map(MountTableTest::mp).collect(Collectors.toSet());
        assertEquals(Set.of("/sys", "/proc", "/dev", "/dev/pts", "/run", "/var/lib/docker/overlay2/abc/merged",
                "/run/user/1000"), without);
        Set<String> with = t.excluded(true).stream().map(MountTableTest::mp).collect(Collectors.toSet());
        assertTrue(with.containsAll(without));
        assertTrue(with.contains("/srv/nfs"));
        assertTrue(with.contains("/mnt/cifs"));
        assertEquals(without.size() + 2, with.size());
        assertFalse(with.contains("/"));
        assertFalse(with.contains("/home"));
        assertFalse(with.contains("/boot/efi"));
    }

    @Test
    void loadReadsThisSystem() throws Exception {
        MountTable t = MountTable.load();
        assertTrue(t.mounts().stream().anyMatch(m -> mp(m).equals("/")), "/ is mounted");
        assertTrue(t.mounts().stream().allMatch(m -> m.mountPoint().length > 0 && m.mountPoint()[0] == '/'));
        assertTrue(t.excluded(false).stream().anyMatch(m -> m.type().equals("proc")), "/proc is a virtual mount");
    }
}
