package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.layout.Disk;
import org.mondo.layout.FileSystem;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.layout.LogicalVolume;
import org.mondo.layout.Mount;
import org.mondo.layout.Mountlist;
import org.mondo.layout.Partition;
import org.mondo.layout.PartitionNaming;
import org.mondo.layout.PartitionTypes;
import org.mondo.layout.TableType;
import org.mondo.layout.VolumeGroup;
import org.mondo.nativeio.Libc;
import org.mondo.tools.CommandResult;
import org.mondo.tools.CommandRunner;

/**
 * LayoutReader on this machine, limited to a loop device set up here: GPT with an ESP (vfat), a
 * BIOS boot partition, an ext4 partition (mounted) and an LVM PV whose VG holds root, var and swap
 * LVs. Where the kernel has device-mapper the LVs are activated and get ext4, xfs and swap; where
 * it has not (this CI host), LVM writes metadata only and the LVs exist only as metadata. LVM
 * runs with a private LVM_SYSTEM_DIR that sees only our PV. Everything is torn down afterwards,
 * whatever happened, and the test checks that no loop device, mapping or VG is left.
 */
@Tag("root")
class LayoutReaderLiveTest {
    private static final String ESP_UUID = "1234-ABCD";
    private static final String BOOT_UUID = "0b1e5c3a-6f0e-4d2b-9c61-7a2f5e8d9c10";

    @TempDir
    Path tmp;

    private final String vg = "mondolt" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private final Map<String, String> lvmEnv = new HashMap<>();
    private final List<String> mounted = new ArrayList<>();
    private String loop;
    private Path image;
    private boolean deviceMapper;
    private boolean pvMade;

    @Test
    void readsAGptDiskWithLvm() throws Exception {
        assumeTrue(Libc.geteuid() == 0, "needs root (loop devices, mount, LVM)");
        for (String tool : List.of("losetup", "sfdisk", "partx", "lvm", "mkfs.vfat", "mkfs.ext4", "mkfs.xfs", "mkswap",
                "blkid", "lsblk", "mount", "umount")) {
            assumeTrue(CommandRunner.which(tool).isPresent(), tool + " is not installed");
        }
        deviceMapper = Files.readString(Path.of("/proc/misc")).contains("device-mapper");
        image = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(640L << 20); // sparse
        }
        loop = run("losetup", "-f", "--show", image.toString()).output().strip();
        String name = loop.substring("/dev/".length());
        runWithInput(List.of("sfdisk", "-q", "--no-reread", loop), """
                label: gpt
                start=2048, size=40MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System Partition"
                size=1MiB, type=21686148-6449-6E6F-744E-656564454649, name="BIOS boot"
                size=64MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="boot"
                type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="lvm"
                """);
        // Some kernels do not scan partitions of loop devices; partx adds them through BLKPG.
        if (!Files.exists(Path.of("/sys/block", name, PartitionNaming.partition(name, 1)))) run("partx", "-a", loop);
        String p1 = "/dev/" + PartitionNaming.partition(name, 1);
        String p3 = "/dev/" + PartitionNaming.partition(name, 3);
        String p4 = "/dev/" + PartitionNaming.partition(name, 4);
        waitFor(p4);
        run("mkfs.vfat", "-F", "32", "-n", "TESTESP", "-i", ESP_UUID.replace("-", ""), p1);
        run("mkfs.ext4", "-q", "-F", "-L", "mondoboot", "-U", BOOT_UUID, p3);
        Path mnt = Files.createDirectory(tmp.resolve("boot mnt"));
        run("mount", p3, mnt.toString());
        mounted.add(mnt.toString());

        Path lvmDir = Files.createDirectory(tmp.resolve("lvm"));
        Files.writeString(lvmDir.resolve("lvm.conf"), "devices { filter = [ \"a|^" + p4 + "$|\", \"r|.*|\" ] }\n"
                + "backup { backup = 0 archive = 0 }\n");
        lvmEnv.put("LVM_SYSTEM_DIR", lvmDir.toString());
        lvm("pvcreate", "-q", p4);
        pvMade = true;
        lvm("vgcreate", "-q", vg, p4);
        for (String[] lv : new String[][] {{"root", "64M"}, {"var", "320M"}, {"swap", "16M"}}) {
            if (deviceMapper) {
                lvm("lvcreate", "-q", "-y", "-L", lv[1], "-n", lv[0], vg);
            } else {
                lvm("lvcreate", "-q", "--driverloaded", "n", "-an", "-Zn", "-L", lv[1], "-n", lv[0], vg);
            }
        }
        if (deviceMapper) {
            run("mkfs.ext4", "-q", "-F", "-L", "ltroot", "/dev/mapper/" + vg + "-root");
            run("mkfs.xfs", "-q", "-f", "-L", "ltvar", "/dev/mapper/" + vg + "-var");
            run("mkswap", "-L", "ltswap", "/dev/mapper/" + vg + "-swap");
        }

        LayoutReader reader = new LayoutReader(new LiveMachine(lvmEnv), LayoutReader.Options.onlyDisks(List.of(name)));
        Layout l = reader.read();

        Disk d = l.disks().getFirst();
        assertEquals(1, l.disks().size());
        assertEquals(loop, d.device());
        assertEquals(640L << 20, d.sizeBytes());
        assertEquals(TableType.GPT, d.table());
        assertEquals(List.of(2048L, 2048L + 40 * 2048, 2048L + 41 * 2048, 2048L + 105 * 2048),
                d.partitions().stream().map(Partition::start).toList());
        assertEquals(List.of(List.of("esp"), List.of("bios_grub"), List.of(), List.of("lvm")),
                d.partitions().stream().map(Partition::flags).toList());
        assertEquals(PartitionTypes.GPT_LINUX_FS, d.partitions().get(2).type());
        assertEquals("BIOS boot", d.partitions().get(1).name());

        FileSystem esp = l.fileSystem(p1).orElseThrow();
        assertEquals("vfat", esp.type());
        assertEquals("TESTESP", esp.label());
        assertEquals(ESP_UUID, esp.uuid());
        FileSystem boot = l.fileSystem(p3).orElseThrow();
        assertEquals(BOOT_UUID, boot.uuid());
        assertEquals(List.of(new Mount(p3, p3, mnt.toString(), "ext4", "rw,relatime", 0, 0)), l.mounts());

        assertEquals(p4, l.physicalVolumes().getFirst().device());
        VolumeGroup g = l.volumeGroups().getFirst();
        assertEquals(vg, g.name());
        assertEquals(4L << 20, g.extentSizeBytes());
        assertTrue(g.metadata().contains("logical_volumes {"), g.metadata());
        assertEquals(List.of("root", "swap", "var"), l.logicalVolumes().stream().map(LogicalVolume::name).toList());
        assertEquals(320L << 20, l.logicalVolumes().get(2).sizeBytes());
        if (deviceMapper) {
            assertEquals("xfs", l.fileSystem("/dev/mapper/" + vg + "-var").orElseThrow().type());
            assertEquals("ltswap", l.swaps().getFirst().label());
        }

        String mountlist = Mountlist.from(l).toText();
        assertTrue(mountlist.contains(p4), mountlist);
        assertTrue(mountlist.contains(p3 + " "), mountlist);
        assertEquals(l, LayoutFormat.parse(LayoutFormat.toText(l)));
        assertEquals(List.of(), reader.warnings());
    }

    /** Undo everything, in reverse, each step on its own so one failure does not skip the rest. */
    @AfterEach
    void tearDown() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String m : mounted.reversed()) attempt(failures, List.of("umount", m));
        if (pvMade) {
            if (deviceMapper) attempt(failures, lvmArgs("vgchange", "-q", "-an", vg));
            attempt(failures, deviceMapper ? lvmArgs("vgremove", "-q", "-f", vg)
                    : lvmArgs("vgremove", "-q", "-f", "--driverloaded", "n", vg));
        }
        if (loop != null) {
            CommandRunner.run(List.of("partx", "-d", loop));
            attempt(failures, List.of("losetup", "-d", loop));
            String left = CommandRunner.run(List.of("losetup", "-a")).output();
            assertFalse(left.contains(image.toString()), "loop device left behind: " + left);
        }
        if (deviceMapper) {
            String maps = CommandRunner.run(List.of("dmsetup", "ls")).output();
            assertFalse(maps.contains(vg), "device-mapper devices left behind: " + maps);
        }
        if (Files.exists(Path.of("/proc/mdstat"))) {
            assertFalse(Files.readString(Path.of("/proc/mdstat")).contains(String.valueOf(loop)), "md array left");
        }
        assertEquals(List.of(), failures);
    }

    private void attempt(List<String> failures, List<String> argv) {
        try {
            CommandResult r = CommandRunner.run(argv, null, null, lvmEnv);
            if (!r.succeeded()) failures.add(String.join(" ", argv) + ": " + r.lastLine());
        } catch (IOException e) {
            failures.add(String.join(" ", argv) + ": " + e.getMessage());
        }
    }

    private List<String> lvmArgs(String... args) {
        List<String> argv = new ArrayList<>(List.of("lvm"));
        argv.addAll(List.of(args));
        return argv;
    }

    private void lvm(String... args) throws IOException {
        CommandRunner.check(lvmArgs(args), null, null, lvmEnv);
    }

    private static CommandResult run(String... argv) throws IOException {
        return CommandRunner.check(List.of(argv));
    }

    private void runWithInput(List<String> argv, String input) throws IOException {
        Path in = Files.writeString(tmp.resolve("stdin"), input);
        CommandResult r = CommandRunner.run(argv, null, in, null);
        // sfdisk --no-reread still tries BLKRRPART on some versions and exits 1 after writing; check the table.
        if (!r.succeeded() && !CommandRunner.run(List.of("sfdisk", "-d", loop)).output().contains("label: gpt")) {
            throw new IOException(String.join(" ", argv) + " failed: " + r.lastLine());
        }
    }

    private static void waitFor(String device) throws InterruptedException {
        for (int i = 0; i < 50 && !Files.exists(Path.of(device)); i++) Thread.sleep(100);
        assertTrue(Files.exists(Path.of(device)), device + " did not appear");
    }
}
