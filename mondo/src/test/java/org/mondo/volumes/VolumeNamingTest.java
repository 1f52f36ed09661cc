package org.mondo.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeNamingTest {
    @TempDir
    Path tmp;

    private VolumeNaming naming(String prefix) {
        return new VolumeNaming(tmp, prefix, "0123456789abcdef");
    }

    @Test
    void isoAndPartialNames() {
        VolumeNaming n = naming("mondorescue");
        assertEquals(tmp.resolve("mondorescue-1.iso"), n.iso(1));
        assertEquals(tmp.resolve("mondorescue-12.iso"), n.iso(12));
        Path partial = n.partial(3);
        assertTrue(partial.getFileName().toString().startsWith("."), "a partial volume is hidden: " + partial);
        assertEquals(".mondorescue-3.iso.partial", partial.getFileName().toString());
        assertEquals(tmp, partial.getParent());
    }

    @Test
    void volumeIdIsUpperCaseAndShort() {
        String id = naming("mondorescue").volumeId(7);
        assertEquals("MONDO_01234567_7", id);
        assertTrue(naming("x").volumeId(99999).length() <= 32);
    }

    @Test
    void existingSortsNumerically() throws Exception {
        for (String f : new String[] {"bk-10.iso", "bk-2.iso", "bk-1.iso", "bk-100.iso", "bk-9.iso"}) {
            Files.writeString(tmp.resolve(f), "");
        }
        // not volumes of this prefix
        for (String f : new String[] {"bk-x.iso", "bk-1.iso.partial", ".bk-3.iso.partial", "bkk-1.iso", "bk-1.img",
                "other-1.iso", "bk-.iso", "bk-1.ISO", "abk-4.iso"}) {
            Files.writeString(tmp.resolve(f), "");
        }
        List<String> names = naming("bk").existing().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("bk-1.iso", "bk-2.iso", "bk-9.iso", "bk-10.iso", "bk-100.iso"), names);
    }

    @Test
    void prefixWithRegexCharactersIsTakenLiterally() throws Exception {
        Files.writeString(tmp.resolve("a.b-1.iso"), "");
        Files.writeString(tmp.resolve("axb-1.iso"), "");
        Files.writeString(tmp.resolve("a+-2.iso"), "");
        assertEquals(List.of(tmp.resolve("a.b-1.iso")), naming("a.b").existing());
        assertEquals(List.of(tmp.resolve("a+-2.iso")), naming("a+").existing());
    }

    @Test
    void aVolumeNumberTooBigForAnIntDoesNotCrashTheListing() throws Exception {
        Files.writeString(tmp.resolve("bk-1.iso"), "");
        Files.writeString(tmp.resolve("bk-99999999999.iso"), ""); // no volume number has 11 digits
        List<Path> found = naming("bk").existing();
        assertEquals(List.of(tmp.resolve("bk-1.iso")), found, "a stray name is not taken for a volume");
    }

    @Test
    void existingInAMissingDirectoryIsEmpty() throws Exception {
        assertEquals(List.of(), new VolumeNaming(tmp.resolve("none"), "bk", "0123456789").existing());
    }

    @Test
    void badPrefixesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> naming(""));
        assertThrows(IllegalArgumentException.class, () -> naming("a/b"));
        assertThrows(IllegalArgumentException.class, () -> naming(".hidden"));
    }
}
