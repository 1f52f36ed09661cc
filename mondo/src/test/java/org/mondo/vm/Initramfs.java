package org.mondo.vm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A small initramfs, written as a "newc" cpio archive by Java (so device nodes need no root and the
 * result does not depend on the host's files' owners): busybox-static, an {@code /init}, kernel modules.
 * The Debian kernel does not mount devtmpfs by itself: an {@code /init} must mount /dev (and /proc, /sys).
 */
public final class Initramfs {
    /** Where {@link #modules} lists the modules to insmod, one absolute guest path a line, in load order. */
    public static final String MODULE_LIST = "/lib/modules/load.order";

    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;

    private record Entry(int mode, byte[] data, int rdevMajor, int rdevMinor) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public static Initramfs create() {
        return new Initramfs();
    }

    /** busybox-static, runnable under {@code /init}: a busybox initramfs that prints {@code marker} and powers off. */
    public static Initramfs smoke(String marker) throws IOException {
        return create().busybox().init("""
                #!/bin/sh
                mount -t proc proc /proc
                echo "%s $(cut -d' ' -f1 /proc/uptime)"
                poweroff -f
                """.formatted(marker));
    }

    public Initramfs directory(String path) {
        put(path, new Entry(S_IFDIR | 0755, new byte[0], 0, 0));
        return this;
    }

    public Initramfs file(String path, byte[] data, int permissions) {
        put(path, new Entry(S_IFREG | (permissions & 07777), data.clone(), 0, 0));
        return this;
    }

    public Initramfs file(String path, String text, int permissions) {
        return file(path, text.getBytes(StandardCharsets.UTF_8), permissions);
    }

    public Initramfs file(String path, Path source, int permissions) throws IOException {
        return file(path, Files.readAllBytes(source), permissions);
    }

    public Initramfs symlink(String path, String target) {
        put(path, new Entry(S_IFLNK | 0777, target.getBytes(StandardCharsets.UTF_8), 0, 0));
        return this;
    }

    public Initramfs charDevice(String path, int major, int minor, int permissions) {
        put(path, new Entry(S_IFCHR | (permissions & 07777), new byte[0], major, minor));
        return this;
    }

    /** The executable {@code /init} (a script starting with {@code #!/bin/sh} once {@link #busybox} is in). */
    public Initramfs init(String script) {
        return file("/init", script, 0755);
    }

    /**
     * The host's {@code /usr/bin/busybox} (must be static) as {@code /bin/busybox} with a symlink for each of its
     * applets, the usual empty directories and {@code /dev/console}, so that {@code /init} has a console.
     */
    public Initramfs busybox() throws IOException {
        Path busybox = Path.of("/usr/bin/busybox");
        file("/bin/busybox", busybox, 0755);
        for (String applet : HostCommand.run(Duration.ofSeconds(10), busybox.toString(), "--list-full").split("\n")) {
            String p = "/" + applet.strip();
            if (p.length() > 1 && p.indexOf('/', 1) > 0 && !entries.containsKey(p)) {
                symlink(p, "/bin/busybox");
            }
        }
        for (String d : List.of("/dev", "/proc", "/sys", "/tmp", "/mnt", "/root", "/etc", "/run")) {
            directory(d);
        }
        charDevice("/dev/console", 5, 1, 0600);
        charDevice("/dev/null", 1, 3, 0666);
        return this;
    }

    /**
     * The {@code modules} of {@code kernel} with their dependency closure, under {@code /lib/modules/VERSION/},
     * and {@link #MODULE_LIST} naming them in load order for a busybox loop:
     * {@code while read m; do insmod $m; done < /lib/modules/load.order}.
     */
    public Initramfs modules(TestKernel kernel, String... modules) throws IOException {
        StringBuilder list = new StringBuilder();
        for (Path ko : kernel.moduleClosure(modules)) {
            String guest = "/lib/modules/" + kernel.version() + "/" + kernel.modulesDir().relativize(ko);
            file(guest, ko, 0644);
            list.append(guest).append('\n');
        }
        Entry old = entries.get(MODULE_LIST);
        String before = old == null ? "" : new String(old.data(), StandardCharsets.UTF_8);
        return file(MODULE_LIST, before + list, 0644);
    }

    /** Writes the archive, gzip-compressed when {@code gzip} (the kernel reads both), and returns {@code out}. */
    public Path write(Path out, boolean gzip) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
             OutputStream os = gzip ? new GZIPOutputStream(file, 1 << 16) : file) {
            int ino = 1;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                writeEntry(os, e.getKey().substring(1), e.getValue(), ino++);
            }
            writeEntry(os, "TRAILER!!!", new Entry(0, new byte[0], 0, 0), 0);
        }
        return out;
    }

    /** The paths in the archive, in order (parents before children). */
    public List<String> paths() {
        return new ArrayList<>(entries.keySet());
    }

    private void put(String path, Entry entry) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            String parent = path.substring(0, slash);
            Entry p = entries.get(parent);
            if (p == null) {
                directory(parent);
            } else if ((p.mode() & S_IFDIR) != S_IFDIR) {
                throw new IllegalArgumentException(parent + " is not a directory");
            }
        }
        entries.put(path, entry);
    }

    private static void writeEntry(OutputStream os, String name, Entry e, int ino) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        int nlink = (e.mode() & S_IFDIR) == S_IFDIR ? 2 : 1;
        for (long v : new long[] {ino, e.mode(), 0, 0, nlink, 0, e.data().length, 0, 0, e.rdevMajor(), e.rdevMinor(),
                n.length + 1, 0}) {
            h.append(String.format("%08x", v));
        }
        os.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        os.write(n);
        os.write(0);
        pad(os, 110 + n.length + 1);
        os.write(e.data());
        pad(os, e.data().length);
    }

    private static void pad(OutputStream os, long length) throws IOException {
        for (long i = length; i % 4 != 0; i++) {
            os.write(0);
        }
    }
}
