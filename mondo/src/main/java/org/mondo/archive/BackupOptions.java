package org.mondo.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mondo.catalog.Selection;
import org.mondo.codec.Codec;
import org.mondo.log.UserError;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.NativeException;
import org.mondo.progress.Sizes;
import org.mondo.volumes.VolumeSizes;

/** mondoarchive's options after checking: everything a run needs, nothing left to parse. */
public record BackupOptions(
        boolean backup, boolean verify, Path dir, VolumeSizes sizes, String prefix, Path tmpDir, Path scratchDir,
        boolean overwrite, List<byte[]> includes, List<byte[]> excludes, boolean fromFileList, boolean noNetwork,
        Codec codec, int level, int threads, String afterCommand, String beforeCommand, Path log,
        long setBytes, int sliceBytes, String commandLine, boolean bootable, boolean nukeByDefault, Path kernel,
        Path modulesDir, List<String> extraModules, Path layoutFile) {

    static final long DEFAULT_SET_BYTES = 32L << 20;
    static final int DEFAULT_SLICE_BYTES = 32 << 20;

    static BackupOptions from(MondoArchive o) throws UserError {
        if (!o.backup && !o.verify) throw new UserError("say what to do: -O (back up) and/or -V (verify)");
        int media = count(o.iso, o.nfs != null, o.usb, o.tape, o.cdr != null, o.cdrw != null, o.dvd, o.udev);
        if (media == 0) throw new UserError("choose a backup medium: -i (ISO images in -d)");
        if (media > 1) throw new UserError("choose only one backup medium");
        if (!o.iso) {
            String which = o.nfs != null ? "-n (NFS)" : o.usb ? "-U (USB)" : o.tape ? "-t (tape)"
                    : o.cdr != null ? "-c (CD-R)" : o.cdrw != null ? "-w (CD-RW)" : o.dvd ? "-r (DVD)" : "-u (stream)";
            throw new UserError(which + " is not supported yet: use -i (ISO images)");
        }
        if (o.nukeDefault && o.notBootable) throw new UserError("-H and -W do not go together: -H is about the boot menu");
        if (o.kernel != null && !Files.isRegularFile(o.kernel)) throw new UserError("-k " + o.kernel + ": no such file");
        if (o.modulesDir != null && !Files.isDirectory(o.modulesDir)) {
            throw new UserError("--modules-dir " + o.modulesDir + ": no such directory");
        }
        if (o.dir == null) throw new UserError("-i needs -d DIR: the directory the ISO images go to");
        Path dir = absoluteDir("-d", o.dir);
        Path tmp = absoluteDir("-T", o.tmpDir);
        Path scratch = o.scratchDir == null ? tmp : absoluteDir("-S", o.scratchDir);

        VolumeSizes sizes;
        try {
            sizes = VolumeSizes.parse(o.size);
        } catch (IllegalArgumentException e) {
            throw new UserError("-s: " + e.getMessage());
        }
        try {
            new org.mondo.volumes.VolumeNaming(dir, o.prefix, "00000000");
        } catch (IllegalArgumentException e) {
            throw new UserError("-p: " + e.getMessage());
        }

        Codec codec = codec(o);
        int level = o.level != null ? o.level : o.levelFromDigits;
        if (level == 0) {
            if (o.lzo) throw new UserError("-L and -0 do not go together: -0 means no compression");
            codec = Codec.NONE;
        }
        if (level < 0) level = codec.defaultLevel;
        if (codec != Codec.NONE && (level < codec.minLevel || level > codec.maxLevel)) {
            throw new UserError("level " + level + " is out of range for " + codec.name().toLowerCase()
                    + " (" + codec.minLevel + "-" + codec.maxLevel + ")");
        }

        List<byte[]> includes = new ArrayList<>();
        boolean fromList = o.fileList != null;
        if (fromList && !o.includes.isEmpty()) throw new UserError("-J and -I do not go together");
        if (fromList) {
            includes.addAll(readList(o.fileList));
        } else {
            for (String p : split(o.includes)) includes.add(existing("-I", p));
            if (includes.isEmpty()) includes.add(new byte[] {'/'});
        }
        List<byte[]> excludes = new ArrayList<>();
        for (String p : split(o.excludes)) {
            try {
                excludes.add(Selection.normalise(p));
            } catch (IllegalArgumentException e) {
                throw new UserError("-E: " + e.getMessage());
            }
        }
        int threads = o.threads != null ? o.threads : Runtime.getRuntime().availableProcessors();
        if (threads < 1) throw new UserError("--threads must be at least 1");
        long setBytes = o.setSize == null ? DEFAULT_SET_BYTES : parseSize("--set-size", o.setSize);
        long slice = o.sliceSize == null ? DEFAULT_SLICE_BYTES : parseSize("--slice-size", o.sliceSize);
        if (slice > (1L << 30)) throw new UserError("--slice-size is at most 1g");
        Path log = o.log != null ? o.log : org.mondo.log.RunLog.defaultPath("mondoarchive");
        return new BackupOptions(o.backup, o.verify, dir, sizes, o.prefix, tmp, scratch, o.overwrite,
                includes, excludes, fromList, o.noNetwork, codec, level, threads, o.after, o.before, log,
                setBytes, (int) slice, String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])),
                !o.notBootable, o.nukeDefault, o.kernel == null ? null : o.kernel.toAbsolutePath(),
                o.modulesDir == null ? null : o.modulesDir.toAbsolutePath(), split(o.extraModules),
                layoutFile(o.layout));
    }

    /** --layout: a layout file the boot media carry instead of this machine's (checked now, not at restore). */
    private static Path layoutFile(Path f) throws UserError {
        if (f == null) return null;
        try {
            org.mondo.layout.LayoutFormat.parse(java.nio.file.Files.readString(f));
        } catch (java.io.IOException | RuntimeException e) {
            throw new UserError("--layout " + f + ": " + e.getMessage());
        }
        return f.toAbsolutePath();
    }

    private static long parseSize(String opt, String s) throws UserError {
        try {
            return Sizes.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserError(opt + ": " + e.getMessage());
        }
    }

    private static Codec codec(MondoArchive o) throws UserError {
        List<Codec> chosen = new ArrayList<>();
        if (o.gzip) chosen.add(Codec.GZIP);
        if (o.lzo) chosen.add(Codec.LZ4);
        if (o.xz) chosen.add(Codec.XZ);
        if (o.bzip2) chosen.add(Codec.BZIP2);
        if (o.zstd) chosen.add(Codec.ZSTD);
        if (o.codec != null) {
            try {
                chosen.add(Codec.ofName(o.codec));
            } catch (IllegalArgumentException e) {
                throw new UserError("--codec: " + e.getMessage());
            }
        }
        if (chosen.size() > 1) throw new UserError("choose one compressor (-G, -L, -Y, --bzip2, --zstd or --codec)");
        return chosen.isEmpty() ? Codec.ZSTD : chosen.get(0);
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean f : flags) if (f) n++;
        return n;
    }

    private static Path absoluteDir(String opt, Path p) throws UserError {
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) throw new UserError(opt + " " + p + ": no such directory");
        return abs;
    }

    /** MondoRescue's -I/-E take space-separated lists and may be repeated. */
    static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String p : v.trim().split("\\s+")) if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    private static byte[] existing(String opt, String p) throws UserError {
        byte[] path;
        try {
            path = Selection.normalise(p);
        } catch (IllegalArgumentException e) {
            throw new UserError(opt + ": " + e.getMessage());
        }
        try {
            Libc.lstat(path);
        } catch (NativeException e) {
            throw new UserError(opt + " " + p + ": " + e.getMessage().replaceFirst("^stat [^:]*: ", ""));
        }
        return path;
    }

    /** -J: one absolute path per line, as bytes (names need not be UTF-8). */
    private static List<byte[]> readList(Path file) throws UserError {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("-J " + file + ": cannot read (" + e.getMessage() + ")");
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start) {
                    byte[] line = java.util.Arrays.copyOfRange(all, start, i);
                    if (line[0] != '/') throw new UserError("-J " + file + ": not an absolute path: "
                            + org.mondo.nativeio.PathBytes.display(line));
                    out.add(line);
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) throw new UserError("-J " + file + ": the list is empty");
        return out;
    }
}
