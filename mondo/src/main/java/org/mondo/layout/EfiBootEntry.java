package org.mondo.layout;

/**
 * One UEFI boot entry (BootXXXX) as efibootmgr -v shows it. {@code devicePath} is the whole UEFI
 * device path; {@code partUuid} and {@code file} are taken from it when it names a GPT partition and
 * a file, which is what a restore needs to recreate the entry with efibootmgr -c.
 */
public record EfiBootEntry(String number, String label, boolean active, String devicePath, String partUuid,
        String file) {
    public EfiBootEntry {
        devicePath = devicePath == null ? "" : devicePath;
        partUuid = partUuid == null ? "" : partUuid;
        file = file == null ? "" : file;
    }
}
