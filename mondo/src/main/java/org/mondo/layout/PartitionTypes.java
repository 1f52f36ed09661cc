package org.mondo.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Well-known partition types and the flags derived from them, named as parted names them, so that
 * a reader of the layout (and the mountlist) sees "esp", "bios_grub", "lvm", "raid" without
 * knowing GUIDs by heart.
 */
public final class PartitionTypes {
    public static final String GPT_ESP = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    public static final String GPT_BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
    public static final String GPT_LINUX_FS = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
    public static final String GPT_LINUX_RAID = "A19D880F-05FC-4D3B-A006-743F0F84911E";
    public static final String GPT_LINUX_LVM = "E6D6D379-F507-44C2-A23C-238F2A3DF928";
    public static final String GPT_LINUX_SWAP = "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F";
    public static final String GPT_MS_RESERVED = "E3C9E316-0B5C-4DB8-817D-F92DF00215AE";
    public static final String GPT_WINDOWS_RECOVERY = "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC";
    public static final String GPT_PREP = "9E1A2D38-C612-4316-AA26-8B49521E5A8B";
    public static final String GPT_XBOOTLDR = "BC13C2FF-59E6-4262-A352-B275FD6F7172";

    private static final Map<String, String> GPT_FLAGS = Map.of(
            GPT_ESP, "esp", GPT_BIOS_BOOT, "bios_grub", GPT_LINUX_RAID, "raid", GPT_LINUX_LVM, "lvm",
            GPT_LINUX_SWAP, "swap", GPT_MS_RESERVED, "msftres", GPT_WINDOWS_RECOVERY, "diag", GPT_PREP, "prep",
            GPT_XBOOTLDR, "bls_boot");
    private static final Map<String, String> MBR_FLAGS = Map.ofEntries(
            Map.entry("82", "swap"), Map.entry("8e", "lvm"), Map.entry("fd", "raid"), Map.entry("ef", "esp"),
            Map.entry("41", "prep"), Map.entry("12", "diag"), Map.entry("27", "diag"),
            Map.entry("0c", "lba"), Map.entry("0e", "lba"), Map.entry("0f", "lba"),
            Map.entry("11", "hidden"), Map.entry("14", "hidden"), Map.entry("16", "hidden"),
            Map.entry("17", "hidden"), Map.entry("1b", "hidden"), Map.entry("1c", "hidden"),
            Map.entry("1e", "hidden"));

    /** GPT attribute bits with a name (UEFI spec bits 0-2, Microsoft basic-data bits 60-63). */
    private static final int[] GPT_ATTR_BITS = {0, 2, 60, 62, 63};
    private static final String[] GPT_ATTR_FLAGS = {"required", "legacy_boot", "read_only", "hidden", "no_automount"};

    private PartitionTypes() {}

    /** The flags of a partition; {@code bootIndicator} is the MBR 0x80 bit (ignored for GPT). */
    public static List<String> flags(TableType table, String type, long attributes, boolean bootIndicator) {
        List<String> flags = new ArrayList<>();
        if (table == TableType.GPT) {
            String f = GPT_FLAGS.get(type.toUpperCase(Locale.ROOT));
            if (f != null) flags.add(f);
            for (int i = 0; i < GPT_ATTR_BITS.length; i++) {
                if ((attributes & (1L << GPT_ATTR_BITS[i])) != 0) flags.add(GPT_ATTR_FLAGS[i]);
            }
        } else {
            if (bootIndicator) flags.add("boot");
            String f = MBR_FLAGS.get(type.toLowerCase(Locale.ROOT));
            if (f != null) flags.add(f);
        }
        return flags;
    }

    /** MBR types that hold logical partitions (DOS, Windows LBA, Linux extended). */
    public static boolean isExtended(int mbrType) {
        return mbrType == 0x05 || mbrType == 0x0f || mbrType == 0x85;
    }
}
