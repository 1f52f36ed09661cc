package org.mondo.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class VolumeSizesTest {
    private static final long M = 1L << 20;

    @Test
    void oneSizeForEveryVolume() {
        VolumeSizes s = VolumeSizes.parse("4480m");
        assertEquals(List.of(4480 * M), s.sizes());
        assertEquals(4480 * M, s.of(1));
        assertEquals(4480 * M, s.of(99));
    }

    @Test
    void perVolumeSizesWithTheLastRepeating() {
        VolumeSizes s = VolumeSizes.parse("650m,4480m");
        assertEquals(650 * M, s.of(1));
        assertEquals(4480 * M, s.of(2));
        assertEquals(4480 * M, s.of(3));
        assertEquals(4480 * M, s.of(1000));
        VolumeSizes t = VolumeSizes.parse("700m, 1g ,25G");
        assertEquals(700 * M, t.of(1));
        assertEquals(1024 * M, t.of(2));
        assertEquals(25L << 30, t.of(3));
        assertEquals(25L << 30, t.of(4));
    }

    @Test
    void tooSmallIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse("650m,1m"));
        assertTrue(e.getMessage().contains("1m"), e.getMessage());
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse("8191k"));
        assertEquals(VolumeSizes.MINIMUM, VolumeSizes.parse("8m").of(1), "exactly the minimum is fine");
        assertEquals(VolumeSizes.MINIMUM, VolumeSizes.parse("8192k").of(1));
    }

    @Test
    void badPartsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse(""));
        assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse("650m,,700m"));
        assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse("650mb"));
        assertThrows(IllegalArgumentException.class, () -> VolumeSizes.parse("cd"));
    }
}
