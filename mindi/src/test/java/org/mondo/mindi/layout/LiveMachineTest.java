package org.mondo.mindi.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.tools.CommandResult;

class LiveMachineTest {

    @Test
    void aLongOutputKeepsItsHead() throws Exception {
        // 108 KB: more than CommandRunner keeps; the first lines must still be there.
        CommandResult r = new LiveMachine().run(List.of("seq", "1", "20000"));
        assertEquals(0, r.exitCode());
        assertTrue(r.output().startsWith("1\n2\n3\n"), r.output().substring(0, 20));
        assertTrue(r.output().endsWith("\n20000\n"));
    }

    @Test
    void aShortOutputAndTheExitStatusComeBackAsTheyAre() throws Exception {
        CommandResult r = new LiveMachine().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals("out\nerr\n", r.output());
    }

    @Test
    void listsAndReadsFiles() throws Exception {
        LiveMachine m = new LiveMachine();
        assertTrue(m.list("/proc/self").contains("mountinfo"));
        assertTrue(m.readFile("/proc/self/mountinfo").contains(" / "));
        assertEquals(List.of(), m.list("/no/such/dir"));
    }
}
