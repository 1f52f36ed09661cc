package org.mondo.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where Mondo itself is: a checkout (the launchers pass -Dmondo.home) or an installation
 * (/usr/share/mondo). mondoarchive finds mindi here, and mindi finds the jars that mondorestore
 * needs in the boot environment.
 */
public final class MondoHome {
    private MondoHome() {}

    public static Path home() {
        String h = System.getProperty("mondo.home", System.getenv("MONDO_HOME"));
        if (h != null && !h.isEmpty()) return Path.of(h);
        return Path.of("/usr/share/mondo");
    }

    /** The launcher of a program (bin/mindi), or its name to find on PATH when installed. */
    public static String program(String name) {
        Path p = home().resolve("bin").resolve(name);
        return Files.isExecutable(p) ? p.toString() : name;
    }

    /** mondorestore's class path: restore.jar and every library it needs. */
    public static List<Path> restoreJars() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path dir : List.of(home().resolve("restore/target"), home().resolve("restore/target/lib"),
                home().resolve("lib"))) {
            if (!Files.isDirectory(dir)) continue;
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.contains("-tests") || n.startsWith("original-")) continue;
                    out.add(p);
                }
            }
        }
        if (out.stream().noneMatch(p -> p.getFileName().toString().startsWith("restore"))) {
            throw new IOException("mondorestore's jars are not under " + home() + ": build with ./mvnw package");
        }
        return new ArrayList<>(out);
    }
}
