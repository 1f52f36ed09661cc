package org.mondo.layout;

import java.util.List;
import java.util.Optional;

/**
 * Everything a bare-metal restore needs to rebuild a machine's storage exactly: disks and their
 * partition tables, md arrays, LVM, filesystems with their creation options, swap, mounts,
 * firmware, boot loaders and EFI boot entries. Written and read by {@link LayoutFormat}
 * (docs/layout-format.md); {@link Mountlist#from} derives MondoRescue's mountlist from it.
 * Devices are named canonically: /dev/KNAME for disks, partitions and md arrays,
 * /dev/mapper/NAME for device-mapper devices (LVM logical volumes).
 */
public record Layout(int version, String host, String created, Firmware firmware, List<Disk> disks,
        List<MdArray> mdArrays, List<LvmPv> physicalVolumes, List<VolumeGroup> volumeGroups,
        List<LogicalVolume> logicalVolumes, List<FileSystem> fileSystems, List<Swap> swaps, List<Mount> mounts,
        List<BootLoader> bootLoaders, List<String> efiBootOrder, List<EfiBootEntry> efiBootEntries) {

    /** The version of the model and of its text form; a reader refuses any other. */
    public static final int VERSION = 1;

    public Layout {
        host = host == null ? "" : host;
        created = created == null ? "" : created;
        disks = List.copyOf(disks);
        mdArrays = List.copyOf(mdArrays);
        physicalVolumes = List.copyOf(physicalVolumes);
        volumeGroups = List.copyOf(volumeGroups);
        logicalVolumes = List.copyOf(logicalVolumes);
        fileSystems = List.copyOf(fileSystems);
        swaps = List.copyOf(swaps);
        mounts = List.copyOf(mounts);
        bootLoaders = List.copyOf(bootLoaders);
        efiBootOrder = List.copyOf(efiBootOrder);
        efiBootEntries = List.copyOf(efiBootEntries);
    }

    public Optional<Partition> partition(String device) {
        return disks.stream().flatMap(d -> d.partitions().stream()).filter(p -> p.device().equals(device)).findFirst();
    }

    public Optional<FileSystem> fileSystem(String device) {
        return fileSystems.stream().filter(f -> f.device().equals(device)).findFirst();
    }

    public Optional<LvmPv> physicalVolume(String device) {
        return physicalVolumes.stream().filter(p -> p.device().equals(device)).findFirst();
    }

    public Optional<LogicalVolume> logicalVolume(String device) {
        return logicalVolumes.stream().filter(l -> l.device().equals(device)).findFirst();
    }

    public Optional<MdArray> mdArray(String device) {
        return mdArrays.stream().filter(m -> m.device().equals(device)).findFirst();
    }

    /** The md array that has this device as a member, if any. */
    public Optional<MdArray> mdArrayWithMember(String device) {
        return mdArrays.stream().filter(m -> m.members().stream().anyMatch(x -> x.device().equals(device))).findFirst();
    }

    public Optional<Swap> swap(String device) {
        return swaps.stream().filter(s -> s.device().equals(device)).findFirst();
    }
}
