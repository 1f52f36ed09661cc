package org.mondo.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The mounts of this system as /proc/self/mountinfo lists them, with their file-system types. */
public final class MountTable {
    /** Kernel-made and volatile file systems: their content is not data to restore. */
    public static final Set<String> VIRTUAL_TYPES = Set.of(
            "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "debugfs",
            "tracefs", "bpf", "pstore", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc",
            "squashfs", "iso9660", "overlay", "efivarfs", "rpc_pipefs", "nsfs", "ramfs", "selinuxfs", "fuse.lxcfs",
            "fuse.portal", "fuse.gvfsd-fuse", "udf");
    /** Network file systems, left out with -N. */
    public static final Set<String> NETWORK_TYPES = Set.of(
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "coda", "fuse.sshfs", "sshfs", "ceph", "fuse.ceph",
            "glusterfs", "fuse.glusterfs", "9p", "afs", "ocfs2", "gfs2", "lustre", "beegfs", "fuse.s3fs", "davfs",
            "fuse.rclone", "mvfs");

    public record Mount(byte[] mountPoint, String type, String source) {}

    private final List<Mount> mounts;

    public MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    public static MountTable load() throws IOException {
        return parse(Files.readAllBytes(Path.of("/proc/self/mountinfo")));
    }

    /** Parses mountinfo: field 5 is the mount point (octal-escaped), the type follows the " - " separator. */
    public static MountTable parse(byte[] mountinfo) {
        List<Mount> out = new ArrayList<>();
        String text = new String(mountinfo, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split(" ");
            int sep = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    sep = i;
                    break;
                }
            }
            if (sep < 0 || f.length < sep + 3) continue;
            out.add(new Mount(unoctal(f[4]), f[sep + 1], f[sep + 2]));
        }
        return new MountTable(out);
    }

    private static byte[] unoctal(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.write((byte) c);
            }
        }
        return b.toByteArray();
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** The mount points whose content the walk leaves out: virtual ones always, network ones when asked. */
    public List<Mount> excluded(boolean excludeNetwork) {
        List<Mount> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (VIRTUAL_TYPES.contains(m.type) || (excludeNetwork && NETWORK_TYPES.contains(m.type))) out.add(m);
        }
        return out;
    }
}
