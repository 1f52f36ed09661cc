package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LdSoCacheTest {
    static final int X86_64 = 0x0303, I386 = 0x0003;

    @TempDir
    Path tmp;

    /** Every entry of the host's cache, in order, as ldconfig -p prints it. */
    @Test
    void hostCacheAgreesWithLdconfig() throws Exception {
        Path cacheFile = Path.of("/etc/ld.so.cache");
        assumeTrue(Files.exists(cacheFile) && Host.has("ldconfig"), "no ld.so.cache or ldconfig");
        LdSoCache c = LdSoCache.read(cacheFile);
        String out = Host.run("ldconfig", "-p").out();
        List<String> expected = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\S+) \\(([^)]*)\\) => (\\S+)$").matcher(out);
        while (m.find()) expected.add(m.group(1) + " " + m.group(3));
        List<String> ours = c.entries().stream().map(e -> e.soname() + " " + e.path()).toList();
        assertEquals(expected, ours);
        assertTrue(out.startsWith(ours.size() + " libs found"), out.lines().findFirst().orElse(""));
        assertEquals(Optional.of("/lib/x86_64-linux-gnu/libc.so.6"), c.find("libc.so.6", X86_64));
        assertEquals(Optional.empty(), c.find("libnothing.so.9", X86_64));
    }

    /** ldconfig's "new" format and its "compat" one (old table first): same answers, each ABI kept apart. */
    @ParameterizedTest
    @ValueSource(strings = {"new", "compat"})
    void readsWhatLdconfigWrites(String format) throws Exception {
        assumeTrue(Host.has("ldconfig"), "no ldconfig");
        Path d64 = Files.createDirectories(tmp.resolve("lib64dir"));
        Path d32 = Files.createDirectories(tmp.resolve("lib32dir"));
        ElfFixture.lib("libfix.so.1").write(d64.resolve("libfix.so.1"));
        ElfFixture.lib("libfix.so.1", "libc.so.6").elf32().write(d32.resolve("libfix.so.1")); // libc6, not libc5
        ElfFixture.lib("libonly64.so.3").write(d64.resolve("libonly64.so.3"));
        Path cache = tmp.resolve("ld.so.cache");
        Host.Run r = Host.run("ldconfig", "-X", "-c", format, "-C", cache.toString(), "-f", "/dev/null",
                d64.toString(), d32.toString());
        assertEquals(0, r.status(), r.err());
        byte[] bytes = Files.readAllBytes(cache);
        String head = new String(bytes, 0, 11, StandardCharsets.US_ASCII);
        assertEquals(format.equals("compat") ? "ld.so-1.7.0" : "glibc-ld.so", head);
        LdSoCache c = LdSoCache.parse(bytes, cache.toString());
        assertEquals(Optional.of(d64 + "/libfix.so.1"), c.find("libfix.so.1", X86_64));
        assertEquals(Optional.of(d32 + "/libfix.so.1"), c.find("libfix.so.1", I386));
        assertEquals(Optional.of(d64 + "/libonly64.so.3"), c.find("libonly64.so.3", X86_64));
        assertEquals(Optional.empty(), c.find("libonly64.so.3", I386));
        assertEquals(Optional.of("/lib/x86_64-linux-gnu/libc.so.6"), c.find("libc.so.6", X86_64)); // the trusted dirs too
    }

    @Test
    void abiFlagsFollowTheElfHeader() throws IOException {
        assertEquals(X86_64, LdSoCache.abiFlags(ElfFile.parse(ElfFixture.lib("a").build(), "a")));
        assertEquals(I386, LdSoCache.abiFlags(ElfFile.parse(ElfFixture.lib("a").elf32().build(), "a")));
        ElfFixture arm64 = ElfFixture.lib("a");
        arm64.machine = ElfFile.EM_AARCH64;
        assertEquals(0x0a03, LdSoCache.abiFlags(ElfFile.parse(arm64.build(), "a")));
    }

    @Test
    void missingCacheIsEmptyAndGarbageIsAnError() throws IOException {
        assertEquals(0, LdSoCache.read(tmp.resolve("none")).entries().size());
        Path junk = Files.writeString(tmp.resolve("junk"), "this is not a cache at all, no sir, not at all");
        IOException x = assertThrows(IOException.class, () -> LdSoCache.read(junk));
        assertTrue(x.getMessage().contains("not an ld.so cache"), x.getMessage());
        byte[] truncated = "glibc-ld.so.cache1.1\u0005\0\0\0".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> LdSoCache.parse(truncated, "t"));
        byte[] oldOnly = "ld.so-1.7.0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IOException.class, () -> LdSoCache.parse(oldOnly, "o")).getMessage().contains("old-format"));
    }
}
