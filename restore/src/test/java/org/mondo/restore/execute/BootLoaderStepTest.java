package org.mondo.restore.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.layout.Layout;
import org.mondo.restore.plan.DataNeeds;
import org.mondo.restore.plan.Planner;
import org.mondo.restore.plan.RestorePlan;
import org.mondo.restore.plan.SampleLayouts;
import org.mondo.restore.plan.TargetDisk;
import org.mondo.restore.tools.Chroot;
import org.mondo.restore.tools.Commands;
import org.mondo.restore.tools.EfiBootMgr;
import org.mondo.tools.ToolException;

/**
 * The boot loader of a UEFI backup (the sample layout's NVRAM entry 'debian' on the NVMe ESP):
 * efivarfs mounted when missing, the entry made on the restored ESP; when NVRAM cannot be written,
 * GRUB goes to the ESP's fallback path and the restore goes on.
 */
class BootLoaderStepTest {
    @TempDir
    Path tmp;

    /** Records every command; efibootmgr fails when told to. */
    static final class Recording implements Commands {
        final List<String> lines = new ArrayList<>();
        boolean nvramFails;

        @Override
        public String check(List<String> argv, String input) throws ToolException {
            lines.add(String.join(" ", argv));
            if (nvramFails && argv.getFirst().equals("efibootmgr")) {
                throw new ToolException("efibootmgr failed (exit 2): EFI variables are not supported on this system.");
            }
            return "";
        }

        @Override
        public int status(List<String> argv) {
            lines.add(String.join(" ", argv));
            return 0;
        }
    }

    private List<String> install(Recording r) throws Exception {
        Layout l = SampleLayouts.vmUefiNvmeLvmRaid1();
        RestorePlan plan = new Planner(l, DataNeeds.of(l, List.of()), Planner.Options.DEFAULT)
                .plan(l.disks().stream().map(d -> new TargetDisk(d.device(), d.sizeBytes(), 512, "", false)).toList());
        Path root = Files.createDirectories(tmp.resolve("root/usr/sbin"));
        Files.createFile(root.resolve("grub-install")).toFile().setExecutable(true);
        Path efivars = Files.createDirectories(tmp.resolve("efivars")); // empty: not mounted
        List<String> said = new ArrayList<>();
        new BootLoaderStep(new Chroot(r, tmp.resolve("root")), new EfiBootMgr(r, efivars), said::add).install(plan, true);
        r.lines.addAll(said.stream().map(s -> "said: " + s).toList());
        return r.lines;
    }

    @Test
    void theRecordedEntryIsMadeOnTheRestoredEspAfterMountingTheVariables() throws Exception {
        List<String> c = install(new Recording());
        int mount = c.indexOf("mount -t efivarfs efivarfs " + tmp.resolve("efivars"));
        int entry = c.indexOf("efibootmgr --create --disk /dev/nvme0n1 --part 1 --label debian --loader \\EFI\\debian\\grubx64.efi");
        assertTrue(mount >= 0 && entry > mount, c.toString());
        assertTrue(c.stream().noneMatch(x -> x.contains("--removable")), c.toString());
    }

    @Test
    void whenNvramCannotBeWrittenGrubGoesToTheFallbackPathAndTheRestoreGoesOn() throws Exception {
        Recording r = new Recording();
        r.nvramFails = true;
        List<String> c = install(r);
        assertTrue(c.contains("chroot " + tmp.resolve("root") + " /usr/sbin/grub-install --target=x86_64-efi"
                + " --efi-directory=/boot/efi --removable --no-nvram"), c.toString());
        assertEquals(1, c.stream().filter(x -> x.startsWith("said: the NVRAM entry could not be written")).count(), c.toString());
    }
}
