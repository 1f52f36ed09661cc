package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcSwapsParserTest {

    @Test
    void readsActiveSwap() {
        List<ProcSwapsParser.ActiveSwap> s = ProcSwapsParser.parse(Captures.file(Captures.VM, "proc-swaps.txt"));
        // The kernel names an LV by its dm node: mapping it back to vg0-swap is the reader's job.
        assertEquals(new ProcSwapsParser.ActiveSwap("/dev/dm-2", "partition", 262140, 0, -2), s.get(0));
        assertEquals(new ProcSwapsParser.ActiveSwap("/dev/sda6", "partition", 328700, 0, 10), s.get(1));
    }

    @Test
    void unescapesFileNames() {
        String text = "Filename\tType\tSize\tUsed\tPriority\n/swap\\040file\tfile\t1024\t0\t-3\n";
        assertEquals("/swap file", ProcSwapsParser.parse(text).getFirst().path());
    }
}
