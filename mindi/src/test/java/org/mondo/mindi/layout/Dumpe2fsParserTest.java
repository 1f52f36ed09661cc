package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Dumpe2fsParserTest {

    @Test
    void readsAMountedExt4() {
        Dumpe2fsParser.Result r = Dumpe2fsParser.parse(Captures.vm(Dumpe2fsParser.command("/dev/mapper/vg0-root")));
        assertEquals("root", r.label());
        assertEquals(4096, r.options().blockSize());
        assertEquals(256, r.options().inodeSize());
        assertEquals(65536, r.options().inodeCount());
        assertEquals(262144, r.options().blockCount());
        assertEquals(13107, r.options().reservedBlocks());
        assertTrue(r.options().features().contains("metadata_csum"));
        assertTrue(r.options().features().contains("64bit"));
        // Mounted, so the journal "needs recovery": a state, not something mke2fs -O takes.
        assertFalse(r.options().features().contains("needs_recovery"));
    }

    @Test
    void readsAnExt2WithSmallBlocksAndInodes() {
        Dumpe2fsParser.Result r = Dumpe2fsParser.parse(Captures.vm(Dumpe2fsParser.command("/dev/sdb2")));
        assertEquals("scratch", r.label());
        assertEquals(1024, r.options().blockSize());
        assertEquals(128, r.options().inodeSize());
        assertFalse(r.options().features().contains("has_journal"));
    }

    @Test
    void rejectsOtherText() {
        assertThrows(IllegalArgumentException.class, () -> Dumpe2fsParser.parse("dumpe2fs: Bad magic number in super-block"));
    }
}
