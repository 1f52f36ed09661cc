package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FstabParserTest {

    @Test
    void readsTheCapturedFstab() {
        List<FstabParser.FstabEntry> f = FstabParser.parse(Captures.file(Captures.VM, "fstab.txt"));
        assertEquals(11, f.size());
        assertEquals(new FstabParser.FstabEntry("UUID=bb8bbf41-bc78-432d-9dfe-e7ed80e7bec3", "/", "ext4",
                "errors=remount-ro", 0, 1), f.getFirst());
        assertEquals("PARTUUID=e2bdb222-02", f.get(6).spec());
        assertTrue(f.get(10).hasOption("noauto"));
    }

    @Test
    void defaultsAndEscapes() {
        FstabParser.FstabEntry e = FstabParser.parse("LABEL=My\\040Data /mnt/my\\040data\n").getFirst();
        assertEquals("LABEL=My Data", e.spec());
        assertEquals("/mnt/my data", e.mountpoint());
        assertEquals("auto", e.type());
        assertEquals("defaults", e.options());
    }
}
