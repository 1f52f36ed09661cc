package org.mondo.mindi.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MondoRescue's labels, the serial console, and -H's RESTORE default in both menus. */
class BootMenuTest {
    private final BootMenu normal = new BootMenu("web1", "2026-11-22", "6.1.0", "id-1", false, "");
    private final BootMenu nuke = new BootMenu("web1", "2026-11-22", "6.1.0", "id-1", true, "");

    @Test
    void isolinuxHasEveryLabelTheSerialPortAndInteractiveByDefault() {
        String cfg = normal.isolinuxCfg();
        assertTrue(cfg.startsWith("serial 0 115200\n"), cfg);
        assertTrue(cfg.contains("default interactive\n"), cfg);
        for (String l : BootMenu.LABELS) {
            assertTrue(cfg.contains("label " + l + "\n"), l);
            assertTrue(cfg.contains("console=ttyS0,115200 " + l), l);
        }
        assertTrue(cfg.contains("label RESTORE\n") && !cfg.contains("default RESTORE"), "RESTORE typed, not by default: " + cfg);
    }

    @Test
    void dashHStartsRestoreAfterATimeout() {
        String cfg = nuke.isolinuxCfg();
        assertTrue(cfg.contains("default RESTORE\ntimeout 100\n"), cfg);
        assertTrue(cfg.contains("label RESTORE\n"), cfg);
        String grub = nuke.grubCfg();
        assertTrue(grub.contains("set default=4\n") && grub.contains("'5. RESTORE' --hotkey=5"), grub);
    }

    @Test
    void grubTalksOnTheSerialPortAndHasHotkeys() {
        String grub = normal.grubCfg();
        assertTrue(grub.contains("terminal_input console serial"), grub);
        assertTrue(grub.contains("'4. expert' --hotkey=4"), grub);
        assertTrue(grub.contains("linux /boot/vmlinuz console=tty0 console=ttyS0,115200 expert"), grub);
    }

    @Test
    void theMessageNamesHostDateKernelAndBackup() {
        String m = normal.message();
        assertTrue(m.contains("web1") && m.contains("2026-11-22") && m.contains("6.1.0") && m.contains("id-1"), m);
    }

    @Test
    void theRescueDiscOffersExpertOnlyByDefaultAndSaysItHasNoBackup() {
        BootMenu rescue = BootMenu.rescue("web1", "2026-11-22", "6.1.0", "rescue-1", "");
        String cfg = rescue.isolinuxCfg();
        assertTrue(cfg.contains("default expert\n") && cfg.contains("label expert\n"), cfg);
        for (String l : java.util.List.of("interactive", "nuke", "compare", "RESTORE")) {
            assertTrue(!cfg.contains("label " + l), cfg);
        }
        String grub = rescue.grubCfg();
        assertTrue(grub.contains("set default=0\n") && grub.contains("'1. expert' --hotkey=1"), grub);
        assertTrue(!grub.contains("nuke"), grub);
        assertTrue(rescue.message().contains("no backup") && rescue.message().contains("rescue-1"), rescue.message());
    }
}
