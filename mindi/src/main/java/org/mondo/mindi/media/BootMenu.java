package org.mondo.mindi.media;

import java.util.List;

/**
 * The boot menus of volume 1: isolinux (BIOS; labels typed at "boot:") and GRUB (UEFI), with
 * MondoRescue's labels. Both talk on the screen and on the first serial port.
 */
public record BootMenu(String hostname, String date, String kernelVersion, String backupId, boolean nukeByDefault,
                       String extraKernelArgs) {
    public static final List<String> LABELS = List.of("interactive", "nuke", "compare", "expert");
    static final String CONSOLES = "console=tty0 console=ttyS0,115200";

    String kernelArgs(String label) {
        String mode = label.equals("RESTORE") ? "RESTORE" : label;
        return (CONSOLES + " " + mode + " " + extraKernelArgs).trim();
    }

    public String message() {
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
        if (nukeByDefault) {
            sb.append("default RESTORE\ntimeout 100\n");
        } else {
            sb.append("default interactive\ntimeout 300\n");
        }
        // RESTORE (nuke without the countdown) can always be typed; with -H it is the default.
        List<String> labels = new java.util.ArrayList<>(LABELS);
        labels.add("RESTORE");
        for (String l : labels) {
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
        List<String> labels = new java.util.ArrayList<>(LABELS);
        labels.add("RESTORE"); // key 5; the default with -H
        sb.append("set default=").append(nukeByDefault ? labels.size() - 1 : 0).append('\n');
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
