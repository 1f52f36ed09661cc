package org.mondo.mindi.bootenv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the two halves of the boot environment: the small initramfs (busybox, /init, kernel
 * modules, the backup's configuration) and the stage-2 archive that /init copies into memory once
 * it has found the medium (Java runtime, Mondo's jars, the restore tools and their libraries).
 */
public final class BootEnvironmentBuilder {
    private static final Logger LOG = Logger.getLogger("mondo.mindi");
    static final String RESOURCES = "/org/mondo/mindi/bootenv/files/";
    static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    /** What goes in. Module paths are relative to the kernel's modules directory. */
    public record Spec(String kernelVersion, Path modulesDir, List<String> moduleFiles, List<String> moduleLoadOrder,
                       List<Path> firmware, Path firmwareRoot, List<Path> toolFiles, List<Path> mondoJars,
                       Map<String, String> etcMondo) {}

    public record Result(long initramfsBytes, long stage2Bytes, int modules, int tools) {}

    private BootEnvironmentBuilder() {}

    public static Result build(Spec spec, Path initramfs, Path stage2, Path work) throws IOException {
        RootTree early = initramfsTree(spec);
        long a = CpioTreeWriter.write(early, initramfs, true);
        RootTree late = stage2Tree(spec, work);
        long b = CpioTreeWriter.write(late, stage2, false);
        LOG.info("initramfs " + a + " bytes (" + spec.moduleFiles().size() + " modules), stage 2 " + b + " bytes ("
                + spec.toolFiles().size() + " tool files)");
        return new Result(a, b, spec.moduleFiles().size(), spec.toolFiles().size());
    }

    static RootTree initramfsTree(Spec spec) throws IOException {
        RootTree t = new RootTree();
        // The merged-/usr layout of today's distributions: the tools and libraries of stage 2 come with
        // absolute links such as /usr/lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/…, which must resolve.
        for (String d : List.of("/usr/bin", "/usr/sbin", "/usr/lib", "/etc", "/proc", "/sys", "/dev", "/tmp", "/run",
                "/mnt", "/var/log", "/root")) {
            t.dir(d, 0755);
        }
        t.link("/bin", "usr/bin");
        t.link("/sbin", "usr/sbin");
        t.link("/lib", "usr/lib");
        t.link("/lib64", "usr/lib64");
        Path busybox = null;
        for (Path p : BUSYBOX) if (Files.isRegularFile(p)) busybox = p;
        if (busybox == null) throw new IOException("busybox not found: install the Debian package busybox-static");
        t.copy(busybox, "/bin/busybox");
        t.link("/bin/sh", "busybox");
        t.bytes("/init", resource("init"), 0755);
        t.bytes("/lib/mondo/functions.sh", resource("lib/functions.sh"), 0644);
        String modRoot = "/lib/modules/" + spec.kernelVersion() + "/";
        for (String m : spec.moduleFiles()) t.copy(spec.modulesDir().resolve(m), modRoot + m);
        for (String index : List.of("modules.dep", "modules.alias", "modules.builtin", "modules.order",
                "modules.softdep", "modules.symbols", "modules.devname", "modules.builtin.modinfo")) {
            Path f = spec.modulesDir().resolve(index);
            if (Files.isRegularFile(f)) t.copy(f, modRoot + index);
        }
        for (Path fw : spec.firmware()) {
            t.copy(fw, "/lib/firmware/" + spec.firmwareRoot().relativize(fw));
        }
        t.text("/etc/mondo/modules.load", String.join("\n", spec.moduleLoadOrder()) + "\n", 0644);
        for (var e : spec.etcMondo().entrySet()) t.text("/etc/mondo/" + e.getKey(), e.getValue(), 0600);
        return t;
    }

    static RootTree stage2Tree(Spec spec, Path work) throws IOException {
        RootTree t = new RootTree();
        for (Path f : spec.toolFiles()) t.host(f);
        Path jre = work.resolve("jre");
        if (!Files.isDirectory(jre)) JavaRuntime.link(jre);
        addTree(t, jre, "/opt/mondo/jre");
        // The runtime's own libraries need the system's (libc, libm, librt, libz…).
        org.mondo.mindi.deps.FileSet libs = new org.mondo.mindi.deps.FileSet();
        // libjava.so and friends need libjvm.so, which the java launcher loads from lib/server itself.
        List<Path> dirs = new ArrayList<>(org.mondo.mindi.deps.LibraryResolver.DEFAULT_DIRS);
        dirs.add(jre.resolve("lib"));
        dirs.add(jre.resolve("lib/server"));
        org.mondo.mindi.deps.LibraryResolver resolver = new org.mondo.mindi.deps.LibraryResolver(
                org.mondo.mindi.deps.LdSoCache.read(Path.of("/etc/ld.so.cache")), dirs);
        try (var walk = Files.walk(jre)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (org.mondo.mindi.deps.ElfFile.isElf(p)) resolver.addClosure(p, libs);
            }
        }
        for (Path p : libs.paths()) {
            if (!p.startsWith(jre)) t.host(p);
        }
        List<String> cp = new ArrayList<>();
        for (Path jar : spec.mondoJars()) {
            String to = "/opt/mondo/lib/" + jar.getFileName();
            t.copy(jar, to);
            cp.add(to);
        }
        t.text("/usr/sbin/mondorestore", launcher("org.mondo.restore.cli.MondoRestore"), 0755);
        // The initramfs has these top-level links already; an unmerged host's real directories must not replace them.
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib64")) {
            if (t.nodeAt(top) instanceof RootTree.Dir) t.remove(top);
        }
        return t;
    }

    static String launcher(String main) {
        return String.join("\n",
                "#!/bin/sh",
                "# mondorestore in the boot environment: the runtime and jars copied from the medium.",
                "export LC_ALL=C.UTF-8",
                "# The syscall downcall compiled once, not inlined into every caller (as bin/mondo-launch).",
                "# zstd-jni through JNI, not its FFM classes (their start costs ~0.4 s; as bin/mondo-launch).",
                "exec /opt/mondo/jre/bin/java --enable-native-access=ALL-UNNAMED -Xss4m -XX:CompileCommand=quiet"
                        + " -Djdk.util.jar.enableMultiRelease=false"
                        + " '-XX:CompileCommand=dontinline,org.mondo.nativeio.Libc::*'"
                        + " '-XX:CompileCommand=dontinline,org.mondo.nativeio.Syscall::*' -cp '/opt/mondo/lib/*' " + main
                        + " \"$@\"",
                "");
    }

    private static void addTree(RootTree t, Path dir, String at) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String to = at + (p.equals(dir) ? "" : "/" + dir.relativize(p));
                if (Files.isSymbolicLink(p)) t.link(to, Files.readSymbolicLink(p).toString());
                else if (Files.isDirectory(p)) t.dir(to, 0755);
                else t.copy(p, to);
            }
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BootEnvironmentBuilder.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IOException("missing resource " + RESOURCES + name + " (bootenv/ not packaged)");
            return in.readAllBytes();
        }
    }
}
