package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.layout.EfiBootEntry;

class EfibootmgrParserTest {

    @Test
    void readsTheCapturedEntries() {
        EfibootmgrParser.EfiBoot b = EfibootmgrParser.parse(Captures.vm(EfibootmgrParser.COMMAND));
        assertEquals(List.of("0001", "0000"), b.order());
        EfiBootEntry debian = b.entries().get(1);
        assertEquals("debian", debian.label());
        assertEquals("46a42b84-0e18-b545-958c-9b2c04750f78", debian.partUuid());
        assertEquals("\\EFI\\debian\\grubx64.efi", debian.file());
        EfiBootEntry ui = b.entries().getFirst();
        assertEquals("UiApp", ui.label());
        assertEquals("", ui.file()); // FvFile(...) is firmware, not a file on a disk
    }

    @Test
    void readsOlderAndNewerLayouts() {
        // Written by hand from the formats (not captured): efibootmgr 16 and older put a space, not a
        // tab, before the path; an inactive entry has no "*".
        // efibootmgr 18: the file follows HD(...) without File(), then "dp:" lines.
        String text = """
                BootCurrent: 0003
                BootOrder: 0003,0004
                Boot0003* Fedora Linux HD(2,GPT,b2c3d4e5-0000-4000-8000-0123456789ab,0x1000,0x96000)/File(\\EFI\\fedora\\shimx64.efi)
                Boot0004  ubuntu	HD(1,GPT,a1b2c3d4-0000-4000-8000-0123456789ab,0x800,0x100000)/\\EFI\\ubuntu\\shimx64.efi
                      dp: 04 01 2a 00 01 00 00 00 00 08 00 00 00 00 00 00
                """;
        EfibootmgrParser.EfiBoot b = EfibootmgrParser.parse(text);
        assertEquals(2, b.entries().size());
        assertEquals("Fedora Linux", b.entries().get(0).label());
        assertEquals("\\EFI\\fedora\\shimx64.efi", b.entries().get(0).file());
        EfiBootEntry ubuntu = b.entries().get(1);
        assertEquals(false, ubuntu.active());
        assertEquals("\\EFI\\ubuntu\\shimx64.efi", ubuntu.file());
        assertEquals("a1b2c3d4-0000-4000-8000-0123456789ab", ubuntu.partUuid());
    }
}
