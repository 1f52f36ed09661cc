package org.mondo.mindi.bootenv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mondo.tools.CommandRunner;

/**
 * A Java runtime cut down with jlink to the modules mondorestore uses, for the boot environment
 * (about 40 MB instead of 300). Uses the jlink of the JDK running mindi, or $MONDO_JDK's.
 */
public final class JavaRuntime {
    /** What mondorestore and its libraries need (jdeps on the jars says so; jdk.unsupported for zstd-jni). */
    static final List<String> MODULES = List.of("java.base", "java.logging", "jdk.unsupported", "java.management",
            "jdk.crypto.ec");

    private JavaRuntime() {}

    static Path jlink() throws IOException {
        String jdk = System.getenv("MONDO_JDK");
        for (Path home : new Path[] {jdk == null ? null : Path.of(jdk), Path.of(System.getProperty("java.home")),
                Path.of("/usr/lib/jvm/temurin-25-jdk-amd64")}) {
            if (home != null && Files.isExecutable(home.resolve("bin/jlink"))) return home.resolve("bin/jlink");
        }
        throw new IOException("jlink not found: mindi needs a JDK 25 (e.g. temurin-25-jdk), or set MONDO_JDK");
    }

    public static void link(Path out) throws IOException {
        if (Files.exists(out)) throw new IOException(out + " exists");
        // --strip-debug also strips native symbols with objcopy (binutils), which a server may not
        // have: then only the Java debug attributes go (a few MB more on the medium).
        String strip = CommandRunner.which("objcopy").isPresent() ? "--strip-debug" : "--strip-java-debug-attributes";
        CommandRunner.check(List.of(jlink().toString(), "--add-modules", String.join(",", MODULES),
                strip, "--no-header-files", "--no-man-pages", "--compress=zip-6", "--output", out.toString()));
    }
}
