package org.mondo.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesUnitsAsPowersOf1024() {
        assertEquals(123, Sizes.parse("123"));
        assertEquals(1024, Sizes.parse("1k"));
        assertEquals(4480L << 20, Sizes.parse("4480m"));
        assertEquals(4L << 30, Sizes.parse("4g"));
        assertEquals(2L << 40, Sizes.parse("2t"));
        assertEquals(700_000L << 10, Sizes.parse("700000k"));
    }

    @Test
    void isCaseInsensitiveAndTrims() {
        assertEquals(4480L << 20, Sizes.parse("4480M"));
        assertEquals(1L << 30, Sizes.parse(" 1G "));
        assertEquals(5L << 10, Sizes.parse("5K"));
        assertEquals(3L << 40, Sizes.parse("3T"));
    }

    private static String message(String input) {
        return assertThrows(IllegalArgumentException.class, () -> Sizes.parse(input)).getMessage();
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertEquals("empty size", message(""));
        assertEquals("empty size", message("   "));
        assertTrue(message("4480mb").contains("'4480mb'"), message("4480mb"));
        assertTrue(message("4480x").contains("bad size"), message("4480x"));
        assertTrue(message("1.5g").contains("'1.5g'"), message("1.5g"));
        assertTrue(message("m").contains("bad size 'm'"), message("m"));
        assertTrue(message("4 g").contains("bad size"), message("4 g"));
        assertTrue(message("0").contains("positive"), message("0"));
        assertTrue(message("0m").contains("positive"), message("0m"));
        assertTrue(message("-5m").contains("positive"), message("-5m"));
        assertTrue(message("99999999999999999999").contains("bad size"), "does not fit a long");
        assertTrue(message("9000000t").contains("bad size"), "overflows when multiplied");
    }

    @Test
    void parseOfAPlainNumberRoundTripsRandomly() {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            long v = 1 + (rnd.nextLong() >>> 24);
            assertEquals(v, Sizes.parse(Long.toString(v)));
            long k = 1 + rnd.nextInt(1 << 20);
            assertEquals(k << 10, Sizes.parse(k + "k"));
        }
    }

    @Test
    void human() {
        assertEquals("0 B", Sizes.human(0));
        assertEquals("1023 B", Sizes.human(1023));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("1.5 KiB", Sizes.human(1536));
        assertEquals("100 KiB", Sizes.human(100 * 1024));
        assertEquals("4.4 GiB", Sizes.human(4480L << 20));
        assertEquals("650 MiB", Sizes.human(650L << 20));
        assertEquals("2.0 TiB", Sizes.human(2L << 40));
        assertEquals("8192 PiB", Sizes.human(Long.MAX_VALUE));
    }

    @Test
    void humanNeverShowsFourDigitsBelowTheTopUnit() {
        Random rnd = new Random(4);
        for (int i = 0; i < 2000; i++) {
            // random values, and every value just below a unit boundary (1 MiB - 1, 1 GiB - 1, ...)
            long v = i < 5 ? (1L << (10 * (i + 2))) - 1 : rnd.nextLong() >>> (1 + rnd.nextInt(62));
            String h = Sizes.human(v);
            if (v < 1024) continue;
            String num = h.substring(0, h.indexOf(' '));
            assertTrue(Double.parseDouble(num) < 1024 || h.endsWith("PiB"), v + " -> " + h);
        }
    }

    @Test
    void duration() {
        assertEquals("0s", Sizes.duration(0));
        assertEquals("59s", Sizes.duration(59));
        assertEquals("1m00s", Sizes.duration(60));
        assertEquals("3m05s", Sizes.duration(185));
        assertEquals("59m59s", Sizes.duration(3599));
        assertEquals("1h00m", Sizes.duration(3600));
        assertEquals("2h01m", Sizes.duration(7260 + 59));
        assertEquals("100h00m", Sizes.duration(360_000));
    }
}
