package org.mondo.tools;

import java.util.Arrays;
import java.util.Optional;

/** The external programs Mondo runs, with the Debian package that provides each. */
public enum Tool {
    XORRISO("xorriso", "xorriso"),
    CPIO("cpio", "cpio"),
    ZSTD("zstd", "zstd"),
    GETFATTR("getfattr", "attr"),
    SETFATTR("setfattr", "attr"),
    GETFACL("getfacl", "acl"),
    SETFACL("setfacl", "acl"),
    MOUNT("mount", "mount"),
    SH("sh", "dash"),
    // mindi: the layout of the machine
    LSBLK("lsblk", "util-linux"),
    BLKID("blkid", "util-linux"),
    DUMPE2FS("dumpe2fs", "e2fsprogs"),
    XFS_INFO("xfs_info", "xfsprogs"),
    BTRFS("btrfs", "btrfs-progs"),
    MDADM("mdadm", "mdadm"),
    LVM("lvm", "lvm2"),
    EFIBOOTMGR("efibootmgr", "efibootmgr"),
    // mindi: the boot media
    GRUB_MKSTANDALONE("grub-mkstandalone", "grub-efi-amd64-bin"),
    MKFS_VFAT("mkfs.vfat", "dosfstools"),
    MMD("mmd", "mtools"),
    MCOPY("mcopy", "mtools");

    private final String program;
    private final String debianPackage;

    Tool(String program, String debianPackage) {
        this.program = program;
        this.debianPackage = debianPackage;
    }

    public String program() {
        return program;
    }

    public String debianPackage() {
        return debianPackage;
    }

    public boolean isPresent() {
        return CommandRunner.which(program).isPresent();
    }

    /** The tool known by this program name (a bare name, not a path). */
    public static Optional<Tool> forProgram(String program) {
        return Arrays.stream(values()).filter(t -> t.program.equals(program)).findFirst();
    }

    /** Fails fast, before any work starts, naming the first missing tool and its package. */
    public static void requirePresent(Tool... tools) throws ToolException {
        for (Tool tool : tools) {
            if (!tool.isPresent()) {
                throw CommandRunner.notFound(tool.program);
            }
        }
    }
}
