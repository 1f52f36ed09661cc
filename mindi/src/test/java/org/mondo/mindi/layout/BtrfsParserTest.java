package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.layout.FsOptions;

class BtrfsParserTest {

    @Test
    void readsSubvolumesAndTheDefault() {
        assertEquals(List.of(new FsOptions.BtrfsSubvolume(256, 5, "@data"), new FsOptions.BtrfsSubvolume(257, 5, "@snapshots")),
                BtrfsParser.subvolumes(Captures.vm(BtrfsParser.listCommand("/srv"))));
        assertEquals(5, BtrfsParser.defaultSubvolume(Captures.vm(BtrfsParser.defaultCommand("/srv"))));
        assertEquals(256, BtrfsParser.defaultSubvolume("ID 256 gen 9 top level 5 path @\n"));
    }

    @Test
    void keepsSpacesInPaths() {
        assertEquals("home/my snap", BtrfsParser.subvolumes("ID 300 gen 20 parent 256 top level 256 path home/my snap\n")
                .getFirst().path());
    }
}
