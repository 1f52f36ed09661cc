package org.mondo.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

class CallScratchTest {
    @Test
    void aCallsSegmentsAreAlignedAndApartAndTheNextCallReusesThem() {
        CallScratch s = CallScratch.begin();
        MemorySegment a = s.allocate(3, 1);
        MemorySegment b = s.allocate(256, 8);
        assertEquals(0, b.address() % 8);
        assertTrue(b.address() >= a.address() + 3, "b does not overlap a");
        CallScratch again = CallScratch.begin();
        assertSame(s, again);
        assertEquals(a.address(), again.allocate(3, 1).address());
    }

    @Test
    void anArgumentBiggerThanTheBlockGetsMemoryOfItsOwn() {
        CallScratch s = CallScratch.begin();
        MemorySegment small = s.allocate(16, 8);
        MemorySegment big = s.allocate(1 << 20, 8);
        assertEquals(1 << 20, big.byteSize());
        assertTrue(big.address() + big.byteSize() <= small.address() || big.address() >= small.address() + 16);
    }

    @Test
    void eachThreadHasItsOwn() throws Exception {
        CallScratch mine = CallScratch.begin();
        CallScratch[] theirs = new CallScratch[1];
        Thread t = new Thread(() -> theirs[0] = CallScratch.begin());
        t.start();
        t.join();
        assertNotSame(mine, theirs[0]);
    }
}
