package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers: running a host tool (only as a cross-check), and Debian's kernel from test-images/fetch-kernel.sh. */
final class Host {
    record Run(int status, String out, String err) {}

    private static Path kernelRoot;
    private static String kernelSkip;

    private Host() {}

    static Run run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static boolean has(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    /** The unpacked Debian kernel tree (ROOT with boot/ and lib/modules/VERSION/); the test is skipped when it cannot be had. */
    static synchronized Path kernelRoot() throws Exception {
        if (kernelRoot == null && kernelSkip == null) {
            Path script = null;
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                if (Files.isExecutable(d.resolve("test-images/fetch-kernel.sh"))) {
                    script = d.resolve("test-images/fetch-kernel.sh");
                    break;
                }
            }
            if (script == null) {
                kernelSkip = "test-images/fetch-kernel.sh not found above " + Path.of("").toAbsolutePath();
            } else {
                Run r = run(script.toString());
                String out = r.out().strip();
                if (r.status() != 0 || out.isEmpty() || !Files.isDirectory(Path.of(out, "lib/modules"))) {
                    kernelSkip = "fetch-kernel.sh could not unpack Debian's kernel (no network or apt?): exit " + r.status()
                            + " " + r.err().strip();
                } else {
                    kernelRoot = Path.of(out);
                }
            }
        }
        assumeTrue(kernelRoot != null, kernelSkip);
        return kernelRoot;
    }

    static String kernelVersion() throws Exception {
        try (var s = Files.list(kernelRoot().resolve("lib/modules"))) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    /** ldd's answer for a program: the real paths of what it loads (the vdso left out); "not found" names as "!name". */
    static List<String> ldd(Path program) throws Exception {
        Run r = run("ldd", program.toString());
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("linux-vdso") || l.contains("statically linked")) continue;
            if (l.endsWith("not found")) {
                out.add("!" + l.substring(0, l.indexOf(' ')));
                continue;
            }
            int arrow = l.indexOf("=> ");
            String p = arrow >= 0 ? l.substring(arrow + 3) : l;
            int paren = p.lastIndexOf(" (0x");
            if (paren >= 0) p = p.substring(0, paren);
            out.add(Path.of(p.strip()).toRealPath().toString());
        }
        return out;
    }
}
