package org.mondo.mindi.media;

import java.util.List;

/**
 * The boot menus of volume 1: isolinux (BIOS; labels typed at "boot:") and GRUB (UEFI), with
 * MondoRescue's labels. Both talk on the screen and on the first serial port. A rescue disc
 * ({@code mindi} alone, no backup) has one entry, {@code expert}; {@code backupId} is then its rescue id.
 */
public record BootMenu(String hostname, String date, String kernelVersion, String backupId, boolean nukeByDefault,
                       String extraKernelArgs, boolean rescue) {
    public static final List<String> LABELS = List.of("interactive", "nuke", "compare", "expert");
    public static final List<String> RESCUE_LABELS = List.of("expert");
    static final String CONSOLES = "console=tty0 console=ttyS0,115200";

    /** The menu of volume 1 of a backup. */
    public BootMenu(String hostname, String date, String kernelVersion, String backupId, boolean nukeByDefault,
                    String extraKernelArgs) {
        this(hostname, date, kernelVersion, backupId, nukeByDefault, extraKernelArgs, false);
    }

    /** The menu of a rescue disc: expert only, the default. */
    public static BootMenu rescue(String hostname, String date, String kernelVersion, String rescueId,
                                  String extraKernelArgs) {
        return new BootMenu(hostname, date, kernelVersion, rescueId, false, extraKernelArgs, true);
    }

    private List<String> labels() {
        List<String> labels = new java.util.ArrayList<>(rescue ? RESCUE_LABELS : LABELS);
        // RESTORE (nuke without the countdown) can always be typed on a backup's volume 1; -H makes it the default.
        if (!rescue) labels.add("RESTORE");
        return labels;
    }

    private String defaultLabel() {
        return rescue ? "expert" : nukeByDefault ? "RESTORE" : "interactive";
    }

    String kernelArgs(String label) {
        String mode = label.equals("RESTORE") ? "RESTORE" : label;
        return (CONSOLES + " " + mode + " " + extraKernelArgs).trim();
    }

    public String message() {
        if (rescue) {
            return String.join("\n",
                    "",
                    "Mondo rescue disc of " + hostname + ", made " + date + " by mindi: it carries no backup",
                    "Kernel " + kernelVersion + ", rescue disc " + backupId,
                    "",
                    "  expert       a shell with the restore tools (sfdisk, mdadm, lvm, mkfs.*, mondorestore) (default)",
                    "",
                    "This machine's disk layout, when mindi could read it, is in /etc/mondo/layout.conf",
                    "(mountlist.txt beside it); mondorestore restores files from the ISO images of a backup",
                    "on another disk: mount it, then mondorestore -i -d DIR --restore-to TARGET.",
                    "");
        }
        return String.join("\n",
                "",
                "Mondo boot disk: backup of " + hostname + " taken " + date,
                "Kernel " + kernelVersion + ", backup " + backupId,
                "",
                "  interactive  choose what to restore and how (default)",
                "  nuke         restore everything, no question asked (erases the disks of the backup)",
                "  compare      compare the disks with the backup, change nothing",
                "  expert       a shell",
                "  RESTORE      nuke without the 10-second countdown",
                "",
                "Add words after the label: noresize nopart textonly donteject   (e.g. \"nuke noresize\")",
                "In the UEFI menu, the keys 1 to 5 choose interactive, nuke, compare, expert, RESTORE.",
                nukeByDefault ? "Without a key press, RESTORE (nuke, no question) starts in 10 seconds." : "",
                "");
    }

    public String isolinuxCfg() {
        StringBuilder sb = new StringBuilder();
        sb.append("serial 0 115200\n");
        sb.append("prompt 1\n");
        sb.append("display message.txt\n");
        sb.append("default ").append(defaultLabel()).append("\ntimeout ").append(nukeByDefault ? 100 : 300).append('\n');
        for (String l : labels()) {
            sb.append("label ").append(l).append('\n');
            sb.append("  kernel /boot/vmlinuz\n");
            sb.append("  append initrd=/boot/initrd.img ").append(kernelArgs(l)).append('\n');
        }
        return sb.toString();
    }

    public String grubCfg() {
        StringBuilder sb = new StringBuilder();
        sb.append("serial --unit=0 --speed=115200\n");
        sb.append("terminal_input console serial\n");
        sb.append("terminal_output console serial\n");
        sb.append("set timeout=").append(nukeByDefault ? 10 : 30).append('\n');
        List<String> labels = labels(); // RESTORE is key 5
        sb.append("set default=").append(labels.indexOf(defaultLabel())).append('\n');
        int key = 1;
        for (String l : labels) {
            // Hotkeys 1, 2, 3…: on a serial line an arrow key's ESC alone would leave the menu.
            sb.append("menuentry '").append(key).append(". ").append(l).append("' --hotkey=").append(key++).append(" {\n");
            sb.append("  linux /boot/vmlinuz ").append(kernelArgs(l)).append('\n');
            sb.append("  initrd /boot/initrd.img\n");
            sb.append("}\n");
        }
        return sb.toString();
    }
}
