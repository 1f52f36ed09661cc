package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mondo.layout.BootLoader;
import org.mondo.layout.Disk;
import org.mondo.layout.Firmware;
import org.mondo.layout.Layout;
import org.mondo.layout.LayoutFormat;
import org.mondo.layout.Mount;
import org.mondo.layout.Mountlist;
import org.mondo.layout.Partition;
import org.mondo.layout.Swap;
import org.mondo.layout.TableType;
import org.mondo.tools.CommandResult;

/**
 * LayoutReader over a whole real machine, replayed (CapturedMachine): every command it runs must
 * have been captured with the same arguments, and the result must match the reviewed layout and
 * mountlist (layout.expected, mountlist.expected) and what other tools said (sfdisk, parted).
 */
class LayoutReaderReplayTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T04:45:00Z"), ZoneOffset.UTC);

    private static Layout read(Set<String> disks, List<String> warnings) throws IOException {
        LayoutReader r = new LayoutReader(CapturedMachine.load(Captures.VM), new LayoutReader.Options(disks, CLOCK));
        Layout l = r.read();
        warnings.addAll(r.warnings());
        return l;
    }

    @Test
    void theMachineGivesTheReviewedLayoutAndMountlist() throws IOException {
        List<String> warnings = new ArrayList<>();
        Layout l = read(Set.of(), warnings);
        assertEquals(Captures.file(Captures.VM, "layout.expected"), LayoutFormat.toText(l));
        assertEquals(Captures.file(Captures.VM, "mountlist.expected"), Mountlist.from(l).toText());
        assertEquals(List.of(), warnings);
    }

    @Test
    void partitionTablesAgreeWithSfdiskAndTheKernel() throws IOException {
        Layout l = read(Set.of(), new ArrayList<>());
        CapturedMachine m = CapturedMachine.load(Captures.VM);
        for (Disk d : l.disks()) {
            String name = d.device().substring(5);
            SfdiskDump oracle = SfdiskDump.parse(Captures.file(Captures.VM, "sfdisk-d-" + name + ".txt"));
            if (d.table() == TableType.NONE) {
                assertEquals(List.of(), oracle.partitions(), name);
                continue;
            }
            assertEquals(oracle.partitions().size(), d.partitions().size(), name);
            for (Partition p : d.partitions()) {
                // The naming rule gives the kernel's names: nvme0n1p1, sda5.
                String pn = p.device().substring(5);
                assertTrue(m.exists("/sys/block/" + name + "/" + pn + "/partition"), pn);
            }
        }
        assertEquals("QEMU NVMe Ctrl", l.disks().getFirst().model());
        assertEquals(TableType.NONE, l.disks().get(3).table());
    }

    @Test
    void flagsAgreeWithParted() throws IOException {
        Layout l = read(Set.of(), new ArrayList<>());
        for (Disk d : l.disks()) {
            String name = d.device().substring(5);
            for (String line : Captures.file(Captures.VM, "parted-m-" + name + ".txt").split("\n")) {
                String[] f = line.replaceAll(";$", "").split(":", -1);
                if (f.length < 7 || !f[0].matches("\\d+")) continue;
                Set<String> parted = new HashSet<>();
                for (String s : f[6].split(",")) {
                    if (!s.isBlank()) parted.add(s.strip());
                }
                Partition p = d.partitions().stream().filter(x -> x.number() == Integer.parseInt(f[0])).findFirst()
                        .orElseThrow();
                // parted calls a GPT ESP "boot, esp"; "boot" there is an alias, not a bit.
                if (d.table() == TableType.GPT && parted.contains("esp")) parted.remove("boot");
                assertEquals(parted, new HashSet<>(p.flags()), p.device());
            }
        }
    }

    @Test
    void fstabSpecsAndSwapsAreResolved() throws IOException {
        Layout l = read(Set.of(), new ArrayList<>());
        Mount scratch = l.mounts().stream().filter(m -> m.mountpoint().equals("/scratch")).findFirst().orElseThrow();
        assertEquals("/dev/sdb2", scratch.device()); // from PARTUUID=e2bdb222-02
        Mount data = l.mounts().stream().filter(m -> m.mountpoint().equals("/data")).findFirst().orElseThrow();
        assertEquals("/dev/data/stripe", data.spec());
        assertEquals("/dev/mapper/data-stripe", data.device());
        assertEquals(List.of(new Swap("/dev/sda6", "50f3b2b1-e17b-41c7-9e79-12729b625c74", "swap2", 336592896, 10, true),
                new Swap("/dev/mapper/vg0-swap", "5a88b46b-ff65-457b-b3a0-e9c29238fbac", "swap", 268435456, -2, true)),
                l.swaps());
        assertEquals(Firmware.UEFI, l.firmware());
        assertEquals(List.of(new BootLoader(BootLoader.Kind.GRUB_EFI, "/dev/nvme0n1p1", "/EFI/debian/grubx64.efi"),
                new BootLoader(BootLoader.Kind.GRUB_PC, "/dev/nvme0n1", "")), l.bootLoaders());
    }

    @Test
    void readingOneDiskTakesWhatIsBuiltOnIt() throws IOException {
        List<String> warnings = new ArrayList<>();
        Layout l = read(Set.of("sdb"), warnings);
        assertEquals(List.of("/dev/sdb"), l.disks().stream().map(Disk::device).toList());
        assertEquals("/dev/md0", l.mdArrays().getFirst().device()); // sdb1 is a member
        assertEquals(List.of("/dev/sdb3"), l.physicalVolumes().stream().map(p -> p.device()).toList());
        assertEquals("stripe", l.logicalVolumes().getFirst().name());
        assertEquals(List.of("/home", "/scratch", "/data"), l.mounts().stream().map(Mount::mountpoint).toList());
        assertEquals(List.of(), l.bootLoaders());
        assertEquals(2, l.efiBootEntries().size()); // machine-wide facts are read anyway
        assertEquals(List.of("volume group data also lives on /dev/sdc, which is not among the disks read"), warnings);
    }

    @Test
    void outputAParserDoesNotKnowIsAnErrorNamingTheCommand() throws IOException {
        Machine m = answering(CapturedMachine.load(Captures.VM), "dumpe2fs", new CommandResult(0, "garbage\n", Duration.ZERO));
        IOException e = assertThrows(IOException.class, () -> new LayoutReader(m, new LayoutReader.Options(Set.of(), CLOCK)).read());
        assertTrue(e.getMessage().startsWith("cannot understand the output of dumpe2fs -h /dev/nvme0n1p3: "), e.getMessage());
    }

    @Test
    void aFailingToolIsAnErrorWithItsLastLine() throws IOException {
        Machine m = answering(CapturedMachine.load(Captures.VM), "mdadm",
                new CommandResult(1, "mdadm: cannot open /dev/md0: No such file or directory\n", Duration.ZERO));
        IOException e = assertThrows(IOException.class, () -> new LayoutReader(m, new LayoutReader.Options(Set.of(), CLOCK)).read());
        assertEquals("mdadm failed (exit 1): mdadm: cannot open /dev/md0: No such file or directory", e.getMessage());
    }

    /** The captured machine, except that one program answers {@code result}. */
    private static Machine answering(CapturedMachine real, String program, CommandResult result) {
        return new Machine() {
            @Override
            public CommandResult run(List<String> argv) throws IOException {
                return argv.getFirst().equals(program) ? result : real.run(argv);
            }

            @Override
            public boolean hasProgram(String p) {
                return real.hasProgram(p);
            }

            @Override
            public String readFile(String path) throws IOException {
                return real.readFile(path);
            }

            @Override
            public boolean exists(String path) {
                return real.exists(path);
            }

            @Override
            public List<String> list(String dir) {
                return real.list(dir);
            }

            @Override
            public String realPath(String path) {
                return real.realPath(path);
            }

            @Override
            public SectorReader open(String device) throws IOException {
                return real.open(device);
            }
        };
    }
}
