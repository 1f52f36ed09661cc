package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.log.UserError;

class ModuleSelectionTest {
    static final String NVME_PCI = "pci:v0000144Dd0000A808sv0000144Dsd0000A801bc01sc08i02";

    @TempDir
    Path tmp;

    @Test
    void parsesClassLists() throws Exception {
        Map<String, List<String>> m = ModuleSelection.parseLists("""
                # comment
                loose-one   # before any class
                [storage]
                ahci  nvme
                sd_mod
                [fs]\s\s
                xfs # trailing comment
                [empty]
                """);
        assertEquals(Map.of("extra", List.of("loose-one"), "storage", List.of("ahci", "nvme", "sd_mod"), "fs", List.of("xfs"),
                "empty", List.of()), m);
        Map<String, List<String>> d = ModuleSelection.defaultClasses();
        assertTrue(d.keySet().containsAll(List.of("storage", "fs", "md-dm", "net", "input-console", "crypto")), d.keySet().toString());
        assertTrue(d.get("storage").containsAll(List.of("virtio_blk", "nvme", "ahci", "sd_mod", "usb_storage")));
        assertTrue(d.get("fs").containsAll(List.of("ext4", "xfs", "btrfs", "vfat", "isofs")));
    }

    /** Every name of the default class lists is a module or built into Debian's kernel. */
    @Test
    void defaultClassesExistInDebiansKernel() throws Exception {
        ModuleIndex idx = ModuleIndexTest.debian();
        var r = new ModuleSelection(idx).loadedFrom(null).hardwareFrom(null).firmwareRoot(tmp).select();
        assertEquals(List.of(), r.notFound());
        assertTrue(r.loadOrder().containsAll(List.of("virtio_blk", "nvme_core", "nvme", "ahci", "xfs", "raid456", "dm_crypt",
                "usb_storage", "xhci_pci", "e1000e", "isofs", "vfat", "libcrc32c")));
        ModuleIndexTest.assertValidOrder(idx, r.loadOrder());
        assertEquals(r.loadOrder().size(), r.moduleFiles().size());
        for (int i = 0; i < r.loadOrder().size(); i++) {
            assertEquals(idx.relativePath(r.loadOrder().get(i)).orElseThrow(), r.moduleFiles().get(i));
            assertTrue(Files.isRegularFile(idx.directory().resolve(r.moduleFiles().get(i))));
        }
        assertTrue(r.indexFiles().containsAll(List.of(idx.directory().resolve("modules.dep"),
                idx.directory().resolve("modules.alias"), idx.directory().resolve("modules.builtin"))));
        // Every requested module's modprobe closure is in.
        assumeTrue(Host.has("modprobe"));
        Set<String> files = new TreeSet<>(r.moduleFiles());
        for (String m : r.reasons().keySet()) {
            Set<String> theirs = ModuleIndexTest.modprobe(idx, m);
            assertTrue(files.containsAll(theirs), m + ": " + theirs);
        }
    }

    @Test
    void loadedHardwareClassesAndExtras() throws Exception {
        ModuleIndex idx = ModuleIndexTest.debian();
        Path proc = Files.writeString(tmp.resolve("modules"), """
                virtio_blk 20480 2 - Live 0xffffffffc0164000
                dm_mod 184320 0 - Live 0xffffffffc0135000
                nvidia 56807424 0 - Live 0xffffffffc0120000 (POE)
                """);
        Path dev = Files.createDirectories(tmp.resolve("sys/devices/pci0000:00/0000:00:04.0"));
        Files.writeString(dev.resolve("modalias"), NVME_PCI + "\n");
        Files.writeString(Files.createDirectories(dev.resolve("virtio3")).resolve("modalias"), "virtio:d00000008v00001AF4\n");
        Files.writeString(dev.resolve("vendor"), "0x144d\n");
        Files.createSymbolicLink(dev.resolve("subsystem"), tmp.resolve("sys")); // a loop if followed
        Path conf = Files.writeString(tmp.resolve("modules.conf"), "# site modules\nraid10\n\ndm-snapshot  # for the backups\n");
        var r = new ModuleSelection(idx)
                .loadedFrom(proc)
                .hardwareFrom(tmp.resolve("sys/devices"))
                .classes(Map.of("mine", List.of("xfs", "no_such_driver", "af_packet")))
                .extra(List.of("raid456"))
                .extraConfig(conf)
                .firmwareRoot(tmp.resolve("firmware"))
                .select();
        assertEquals("loaded now", r.reasons().get("virtio_blk"));
        assertEquals("loaded now", r.reasons().get("dm_mod"));
        assertEquals("hardware " + NVME_PCI, r.reasons().get("nvme"));
        assertEquals("hardware virtio:d00000008v00001AF4", r.reasons().get("virtio_scsi"));
        assertEquals("class mine", r.reasons().get("xfs"));
        assertEquals("requested", r.reasons().get("raid456"));
        assertEquals("listed in " + conf, r.reasons().get("dm_snapshot"));
        assertEquals("listed in " + conf, r.reasons().get("raid10"));
        assertEquals(List.of("nvidia (loaded now)", "no_such_driver (class mine)"), r.notFound());
        assertFalse(r.loadOrder().contains("af_packet")); // built in: nothing to load
        assertTrue(r.loadOrder().containsAll(List.of("nvme_core", "virtio", "virtio_ring", "async_tx", "raid6_pq", "md_mod")));
        ModuleIndexTest.assertValidOrder(idx, r.loadOrder());
        assertEquals(new TreeSet<>(r.reasons().keySet()), new TreeSet<>(List.of("virtio_blk", "dm_mod", "nvme", "virtio_scsi",
                "xfs", "raid456", "raid10", "dm_snapshot")));
    }

    @Test
    void anExtraTheKernelLacksIsAnError() throws Exception {
        ModuleIndex idx = ModuleIndexTest.debian();
        Path conf = Files.writeString(tmp.resolve("extra.conf"), "zfs\n");
        UserError e = assertThrows(UserError.class, () -> none(idx).extra(List.of("xfs", "no_such_mod")).extraConfig(conf).select());
        assertTrue(e.getMessage().contains("no_such_mod") && e.getMessage().contains("zfs (" + conf + ")")
                && e.getMessage().contains(idx.version()), e.getMessage());
        UserError missing = assertThrows(UserError.class, () -> none(idx).extraConfig(tmp.resolve("absent.conf")).select());
        assertTrue(missing.getMessage().contains("absent.conf"), missing.getMessage());
    }

    /** The firmware a module names, where the kernel would find it: updates/ first, .zst and .xz too; absent ones listed. */
    @Test
    void firmwareThatIsPresent() throws Exception {
        ModuleIndex idx = ModuleIndexTest.debian();
        List<String> named = idx.firmware("bnx2");
        assumeTrue(named.size() >= 3, "bnx2 names less firmware than expected: " + named);
        Path fw = tmp.resolve("firmware");
        Path plain = write(fw.resolve(named.get(0)));
        Path zst = write(fw.resolve(named.get(1) + ".zst"));
        write(fw.resolve(named.get(2)));
        Path updated = write(fw.resolve("updates/" + named.get(2)));
        var r = none(idx).extra(List.of("bnx2")).firmwareRoot(fw).select();
        assertEquals(List.of(plain, zst, updated), r.firmware());
        assertEquals(fw, r.firmwareRoot());
        assertEquals(named.size() - 3, r.missingFirmware().size());
        assertTrue(r.missingFirmware().getFirst().endsWith("(bnx2)"), r.missingFirmware().toString());
    }

    /** This host's own /proc/modules and /sys: whatever is here, it runs and keeps a valid order. */
    @Test
    void hostDefaults() throws Exception {
        ModuleIndex idx = ModuleIndexTest.debian();
        var r = new ModuleSelection(idx).firmwareRoot(tmp).select();
        ModuleIndexTest.assertValidOrder(idx, r.loadOrder());
        assertTrue(r.loadOrder().size() > 100, r.loadOrder().size() + " modules");
    }

    private ModuleSelection none(ModuleIndex idx) {
        return new ModuleSelection(idx).loadedFrom(null).hardwareFrom(null).classes(Map.of()).firmwareRoot(tmp.resolve("fw0"));
    }

    private static Path write(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "firmware");
    }
}
