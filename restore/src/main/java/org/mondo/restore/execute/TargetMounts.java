package org.mondo.restore.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import org.mondo.layout.Layout;
import org.mondo.layout.Mount;
import org.mondo.restore.tools.Mkfs;
import org.mondo.restore.tools.Mounter;
import org.mondo.tools.ToolException;

/**
 * The restored system's filesystems mounted under one root (/mnt/RESTORING), parents before
 * children; {@link #close} unmounts them in reverse order, also after a failure.
 */
public final class TargetMounts implements AutoCloseable {
    private final Mounter mounter;
    private final Path root;
    private final Deque<String> mounted = new ArrayDeque<>();

    public TargetMounts(Mounter mounter, Path root) {
        this.mounter = mounter;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Mounts every filesystem of the layout that has a mount point; {@code readOnly} for compare. */
    public void mountAll(Layout layout, boolean readOnly) throws ToolException, IOException {
        Files.createDirectories(root);
        List<Mount> mounts = layout.mounts().stream()
                .filter(m -> m.mountpoint().startsWith("/") && layout.fileSystem(m.device()).isPresent())
                .filter(m -> Mkfs.TYPES.contains(layout.fileSystem(m.device()).get().type()))
                .sorted(Comparator.comparingInt((Mount m) -> depth(m.mountpoint())).thenComparing(Mount::mountpoint))
                .toList();
        for (Mount m : mounts) {
            Path dir = at(m.mountpoint());
            Files.createDirectories(dir);
            String type = layout.fileSystem(m.device()).get().type();
            mounter.mount(m.device(), dir.toString(), type, options(m, type, readOnly));
            mounted.push(dir.toString());
        }
    }

    /** Binds a directory of this system (/dev, /proc, /sys, /run) into the target, for a chroot. */
    public void bind(String dir) throws ToolException, IOException {
        Path into = at(dir);
        Files.createDirectories(into);
        mounter.bind(dir, into.toString());
        mounted.push(into.toString());
    }

    public Path at(String mountpoint) {
        return mountpoint.equals("/") ? root : root.resolve(mountpoint.substring(1));
    }

    /** btrfs needs its subvolume options; everything else is mounted with the defaults. */
    private static String options(Mount m, String type, boolean readOnly) {
        String o = "";
        if (type.equals("btrfs")) {
            o = String.join(",", java.util.Arrays.stream(m.options().split(","))
                    .filter(x -> x.startsWith("subvol")).toList());
        }
        if (readOnly) o = o.isEmpty() ? Mounter.readOnlyOptions(type) : o + "," + Mounter.readOnlyOptions(type);
        return o;
    }

    private static int depth(String mountpoint) {
        return mountpoint.equals("/") ? 0 : mountpoint.split("/").length;
    }

    /** Unmounts everything this mounted; returns the directories that could not be unmounted. */
    public List<String> unmountAll() throws ToolException {
        List<String> stuck = new java.util.ArrayList<>();
        while (!mounted.isEmpty()) {
            String dir = mounted.pop();
            if (!mounter.unmount(dir)) stuck.add(dir);
        }
        return stuck;
    }

    @Override
    public void close() throws ToolException {
        unmountAll();
    }
}
