package org.mondo.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Native memory for the arguments of one libc call, reused by each thread's next call: an arena
 * per call cost an allocation, a free and ~100 C2-compiled methods for the millions of calls a
 * backup makes. {@link #begin()} starts a call and forgets what the last one took; a call's
 * segments must not be used after it returns. The rare argument too big for the block (a long
 * xattr value) gets memory of its own that the GC frees.
 */
final class CallScratch implements SegmentAllocator {
    private static final int BLOCK = 16 << 10;
    private static final ThreadLocal<CallScratch> OWN = ThreadLocal.withInitial(CallScratch::new);

    private final MemorySegment state = Arena.ofAuto().allocate(Linker.Option.captureStateLayout());
    private final MemorySegment block = Arena.ofAuto().allocate(BLOCK, 16);
    private long used;

    private CallScratch() {}

    /** This thread's scratch, emptied for a new call. */
    static CallScratch begin() {
        CallScratch s = OWN.get();
        s.used = 0;
        return s;
    }

    /** Where the call's errno is captured. */
    MemorySegment state() {
        return state;
    }

    /** Not zeroed: the callers fill what they pass, or the kernel fills what it returns. */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long start = (used + byteAlignment - 1) & -byteAlignment;
        if (start + byteSize > BLOCK) return Arena.ofAuto().allocate(byteSize, byteAlignment);
        used = start + byteSize;
        return block.asSlice(start, byteSize);
    }
}
