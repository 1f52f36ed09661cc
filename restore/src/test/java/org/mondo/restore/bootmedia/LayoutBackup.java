package org.mondo.restore.bootmedia;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import java.time.Duration;

import org.mondo.layout.LayoutFormat;
import org.mondo.tools.FileTrees;
import org.mondo.vm.SerialConsole;

/**
 * The backup the bare-metal boot tests restore: a few files on each filesystem of
 * restore/src/test/resources/bootmedia/nuke-test.layout (/ in a temporary directory, /home on the
 * md RAID1, /srv on an LVM volume), backed up with --layout so volume 1 carries that layout.
 * The trees under /home and /srv of this host are removed by {@link #close}.
 */
final class LayoutBackup implements AutoCloseable {
    final BootMedia.Backup backup;
    /** Restored path → SHA-256 of its content. */
    final Map<String, String> expected = new LinkedHashMap<>();
    final String tag = "mondo-vmtest-" + ProcessHandle.current().pid();
    private final List<Path> hostTrees = new ArrayList<>();

    LayoutBackup(Path tmp) throws IOException {
        this(tmp, 3 << 20, List.of());
    }

    /** With {@code randomBytes} of random content per tree and more mondoarchive arguments (e.g. -s). */
    LayoutBackup(Path tmp, int randomBytes, List<String> extraArgs) throws IOException {
        List<Path> trees = List.of(tmp.resolve("rootfs-data"), Path.of("/home", tag), Path.of("/srv", tag));
        try {
            for (Path dir : trees) {
                if (!dir.startsWith(tmp)) hostTrees.add(dir);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("hello.txt"), "hello from " + dir + "\n");
                byte[] random = new byte[randomBytes];
                new Random(dir.toString().hashCode()).nextBytes(random);
                Files.write(dir.resolve("random.bin"), random);
                for (String f : List.of("hello.txt", "random.bin")) expected.put(dir.resolve(f).toString(), sha256(dir.resolve(f)));
            }
            Path layout = tmp.resolve("nuke-test.layout");
            try (InputStream in = getClass().getResourceAsStream("/bootmedia/nuke-test.layout")) {
                Files.write(layout, in.readAllBytes());
            }
            LayoutFormat.parse(Files.readString(layout));
            List<String> args = new ArrayList<>(List.of("--layout", layout.toString()));
            args.addAll(extraArgs);
            backup = BootMedia.build(tmp.resolve("backup"), trees, args);
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Volume N of the backup (volume 1 is {@code backup.iso()}). */
    Path volume(int n) {
        return backup.iso().resolveSibling("mondorescue-" + n + ".iso");
    }

    /**
     * From the expert shell of the boot media: mounts the restored root, /home (md0 over the two
     * RAID1 members named) and /srv (the LV) on /t and checks every file's SHA-256; leaves them mounted.
     */
    void checkRestoredFiles(SerialConsole c, String root, String raidMembers) {
        String out = BootMedia.sh(c, "mdadm --stop --scan; mdadm --assemble /dev/md0 " + raidMembers + ";"
                + " nu='activation{udev_sync=0 udev_rules=0}'; lvm vgchange -ay --config \"$nu\" >/dev/null;"
                + " lvm vgmknodes --config \"$nu\"; mkdir -p /t && mount " + root + " /t && mount /dev/md0 /t/home"
                + " && mount /dev/mapper/mvg-data /t/srv && cd /t && " + sha256sumCommand() + "; cd /", Duration.ofMinutes(3)).output();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!out.contains(e.getValue() + "  ." + e.getKey())) throw new AssertionError(e.getKey() + " restored wrong:\n" + out);
        }
    }

    /** "sha256sum ./path ..." run from the restored root prints these lines when every file came back. */
    String sha256sumCommand() {
        return "sha256sum " + String.join(" ", expected.keySet().stream().map(p -> "." + p).toList());
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Path p : hostTrees) FileTrees.delete(p);
    }
}
