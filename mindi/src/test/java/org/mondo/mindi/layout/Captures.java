package org.mondo.mindi.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The captured scenarios under src/test/resources/layout/ and quick access to their outputs. */
final class Captures {
    /** UEFI QEMU guest: NVMe GPT + LVM, SATA MBR with logicals, md RAID1, btrfs, striped LV, whole-disk PV. */
    static final String VM = "vm-uefi-nvme-lvm-raid1";
    /** This CI host without device-mapper: LVM reports with stderr noise. */
    static final String NODM = "host-loop-nodm";
    /** A GPT made by sfdisk on a loop device with 4096-byte sectors. */
    static final String GPT_4K = "host-loop-gpt-4k";

    private Captures() {}

    /** What a command printed on the VM (exactly the argv LayoutReader uses). */
    static String vm(List<String> argv) {
        try {
            return CapturedMachine.load(VM).run(argv).output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String file(String scenario, String name) {
        try {
            return Files.readString(CapturedMachine.resource(scenario).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SparseDisk disk(String scenario, String name) {
        try {
            return SparseDisk.load(CapturedMachine.resource(scenario).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
