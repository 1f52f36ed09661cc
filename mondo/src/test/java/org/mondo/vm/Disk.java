package org.mondo.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A disk image or CD-ROM medium for a {@link Vm}: blank images made by {@code qemu-img create}, existing
 * images, qcow2 overlays, ISO images. Where it is attached (virtio, SATA, NVMe, USB, IDE) is chosen with
 * {@link Vm.Builder#disk(Disk, Bus)}.
 */
public final class Disk {
    public enum Format {
        QCOW2, RAW;

        String qemuName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a disk is attached. CD-ROMs go on {@link #IDE} or {@link #SATA}. */
    public enum Bus {
        /** virtio-blk-pci: the guest sees /dev/vdX. */
        VIRTIO,
        /** an ide-hd / ide-cd on a port of an added AHCI controller ({@code ahci0}): /dev/sdX, /dev/srN. */
        SATA,
        /** an NVMe controller per disk: /dev/nvmeNn1. */
        NVME,
        /** usb-storage on a qemu-xhci controller: /dev/sdX. */
        USB,
        /** the machine's own IDE controller (PIIX on pc, the ICH9 AHCI on q35). */
        IDE
    }

    private final Path path;
    private final Format format;
    private final boolean cdrom;

    private Disk(Path path, Format format, boolean cdrom) {
        this.path = path;
        this.format = format;
        this.cdrom = cdrom;
    }

    /** A blank (sparse) image {@code dir/name} of {@code bytes} bytes. */
    public static Disk create(Path dir, String name, long bytes, Format format) throws IOException {
        Path image = dir.resolve(name);
        Files.createDirectories(dir);
        HostCommand.run(Duration.ofSeconds(60), "qemu-img", "create", "-q", "-f", format.qemuName(),
                image.toString(), Long.toString(bytes));
        return new Disk(image, format, false);
    }

    /** An existing image, used read-write (QEMU locks it: two VMs cannot share it, see {@link #overlay}). */
    public static Disk existing(Path image, Format format) {
        return new Disk(image, format, false);
    }

    /** A CD-ROM medium (read-only) from an ISO image. */
    public static Disk cdrom(Path iso) {
        return new Disk(Objects.requireNonNull(iso), Format.RAW, true);
    }

    /** An empty CD-ROM drive; insert a medium later with {@link Monitor#change}. */
    public static Disk emptyCdrom() {
        return new Disk(null, Format.RAW, true);
    }

    /** A qcow2 overlay {@code dir/name} whose backing file is this image: writes go to the overlay only. */
    public Disk overlay(Path dir, String name) throws IOException {
        if (cdrom) {
            throw new IllegalStateException("overlay of a CD-ROM");
        }
        Path image = dir.resolve(name);
        HostCommand.run(Duration.ofSeconds(60), "qemu-img", "create", "-q", "-f", "qcow2", "-b",
                path.toAbsolutePath().toString(), "-F", format.qemuName(), image.toString());
        return new Disk(image, Format.QCOW2, false);
    }

    /** The image file; null for an empty CD-ROM drive. */
    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    public boolean isCdrom() {
        return cdrom;
    }

    /**
     * The SHA-256 of the image file (hex), for "the VM changed nothing" assertions: take it before and after.
     * (The image file, not the guest-visible content: a qcow2 rewritten with the same data would differ.)
     */
    public String sha256() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The {@code -drive if=none,...} value for this medium, with block-backend name {@code id}. */
    String driveSpec(String id) {
        StringBuilder s = new StringBuilder("if=none,id=").append(id);
        if (cdrom) {
            s.append(",media=cdrom,readonly=on");
        }
        if (path != null) {
            s.append(",format=").append(format.qemuName()).append(",file=").append(escape(path.toAbsolutePath()));
        }
        return s.toString();
    }

    /** QEMU option values separate with ',': a comma in a file name is written twice. */
    static String escape(Path p) {
        return p.toString().replace(",", ",,");
    }

    @Override
    public String toString() {
        return cdrom ? "cdrom(" + path + ")" : format.qemuName() + "(" + path + ")";
    }
}
