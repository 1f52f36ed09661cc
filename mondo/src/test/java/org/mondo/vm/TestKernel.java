package org.mondo.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Debian's amd64 kernel and its modules, unpacked by {@code test-images/fetch-kernel.sh} into the test cache
 * (fetched once per host, resolved once per JVM).
 */
public record TestKernel(Path root, String version) {
    private static TestKernel debian;

    /** The kernel of {@code fetch-kernel.sh}; downloads it on first use. */
    public static synchronized TestKernel debian() throws IOException {
        if (debian == null) {
            String out = HostCommand.run(Duration.ofMinutes(10), "sh",
                    TestImages.script("fetch-kernel.sh").toString(), TestImages.cacheDir().toString());
            String[] lines = out.strip().split("\n");
            debian = of(Path.of(lines[lines.length - 1].strip()));
        }
        return debian;
    }

    /** A kernel unpacked under {@code root} (one {@code boot/vmlinuz-VERSION} and {@code lib/modules/VERSION}). */
    public static TestKernel of(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("boot"))) {
            List<String> versions = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length()))
                    .sorted()
                    .toList();
            if (versions.isEmpty()) {
                throw new IOException("no boot/vmlinuz-* under " + root);
            }
            return new TestKernel(root, versions.getLast());
        }
    }

    public Path vmlinuz() {
        return root.resolve("boot/vmlinuz-" + version);
    }

    public Path modulesDir() {
        return root.resolve("lib/modules/" + version);
    }

    /**
     * The {@code .ko} files to insmod, in load order, for {@code modules} and everything they depend on
     * (softdeps included), each once: {@code modprobe -d ROOT -S VERSION --show-depends}.
     * Note that virtio_blk does not pull in virtio_pci: name it yourself.
     */
    public List<Path> moduleClosure(String... modules) throws IOException {
        Set<Path> order = new LinkedHashSet<>();
        for (String m : modules) {
            String out = HostCommand.run(Duration.ofSeconds(30), "modprobe", "-d", root.toString(), "-S", version,
                    "--show-depends", m);
            for (String line : out.split("\n")) {
                String[] words = line.strip().split("\\s+");
                if (words.length >= 2 && words[0].equals("insmod")) {
                    order.add(Path.of(words[1]));
                }
            }
        }
        return new ArrayList<>(order);
    }
}
