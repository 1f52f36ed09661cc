package org.mondo.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ShortOptionDigitsTest {
    /** The argument-taking short options MondoArchive passes. */
    private static final String ARG_OPTIONS = "AdBEIJsSTpcwnK";

    private static ShortOptionDigits.Result x(String... args) {
        return ShortOptionDigits.extract(args, ARG_OPTIONS);
    }

    @Test
    void digitInsideACluster() {
        ShortOptionDigits.Result r = x("-OVi9");
        assertEquals(9, r.level());
        assertArrayEquals(new String[] {"-OVi"}, r.args());
    }

    @Test
    void digitFirstInACluster() {
        ShortOptionDigits.Result r = x("-9Oi");
        assertEquals(9, r.level());
        assertArrayEquals(new String[] {"-Oi"}, r.args());
    }

    @Test
    void attachedOptionArgumentIsLeftAlone() {
        ShortOptionDigits.Result r = x("-s4480m");
        assertEquals(-1, r.level());
        assertArrayEquals(new String[] {"-s4480m"}, r.args());
        ShortOptionDigits.Result c = x("-Ois650m");
        assertEquals(-1, c.level());
        assertArrayEquals(new String[] {"-Ois650m"}, c.args());
        ShortOptionDigits.Result d = x("-O3is650m");
        assertEquals(3, d.level());
        assertArrayEquals(new String[] {"-Ois650m"}, d.args());
    }

    @Test
    void separateOptionArgumentIsLeftAlone() {
        ShortOptionDigits.Result r = x("-d", "/x9");
        assertEquals(-1, r.level());
        assertArrayEquals(new String[] {"-d", "/x9"}, r.args());
        ShortOptionDigits.Result n = x("-Oid", "-5", "-6");
        assertEquals(6, n.level(), "-5 is -d's argument, -6 is a level");
        assertArrayEquals(new String[] {"-Oid", "-5"}, n.args());
        ShortOptionDigits.Result e = x("-E", "/a9 /b1", "-I", "-8");
        assertEquals(-1, e.level());
        assertArrayEquals(new String[] {"-E", "/a9 /b1", "-I", "-8"}, e.args());
    }

    @Test
    void aLoneDigitOptionDisappears() {
        ShortOptionDigits.Result r = x("-Oi", "-0", "-d", "/bkp");
        assertEquals(0, r.level());
        assertArrayEquals(new String[] {"-Oi", "-d", "/bkp"}, r.args());
    }

    @Test
    void theLastDigitWins() {
        ShortOptionDigits.Result r = x("-3", "-Oi7");
        assertEquals(7, r.level());
        assertArrayEquals(new String[] {"-Oi"}, r.args());
    }

    @Test
    void doubleDashStopsTheScan() {
        ShortOptionDigits.Result r = x("-Oi", "--", "-9", "-s4");
        assertEquals(-1, r.level());
        assertArrayEquals(new String[] {"-Oi", "--", "-9", "-s4"}, r.args());
    }

    @Test
    void longOptionsAndPlainWordsPass() {
        ShortOptionDigits.Result r = x("--threads", "8", "--set-size=4m", "-", "word9");
        assertEquals(-1, r.level());
        assertArrayEquals(new String[] {"--threads", "8", "--set-size=4m", "-", "word9"}, r.args());
    }

    @Test
    void argumentOptionLastWithoutAnArgument() {
        ShortOptionDigits.Result r = x("-Oi", "-d");
        assertArrayEquals(new String[] {"-Oi", "-d"}, r.args());
    }

    @Test
    void noArgsNoLevel() {
        ShortOptionDigits.Result r = x();
        assertEquals(-1, r.level());
        assertEquals(0, r.args().length);
    }

    @RepeatedTest(50)
    void clustersWithoutArgOptionsOnlyLoseTheirDigits(RepetitionInfo info) {
        Random rnd = new Random(info.getCurrentRepetition());
        String letters = "OViNGLYxzZ";
        StringBuilder a = new StringBuilder("-");
        StringBuilder kept = new StringBuilder("-");
        int level = -1;
        int len = 1 + rnd.nextInt(6);
        for (int i = 0; i < len; i++) {
            if (rnd.nextInt(3) == 0) {
                int d = rnd.nextInt(10);
                a.append(d);
                level = d;
            } else {
                char c = letters.charAt(rnd.nextInt(letters.length()));
                a.append(c);
                kept.append(c);
            }
        }
        ShortOptionDigits.Result r = x(a.toString(), "-d", "/dir-7");
        assertEquals(level, r.level(), a.toString());
        String[] want = kept.length() > 1 ? new String[] {kept.toString(), "-d", "/dir-7"} : new String[] {"-d", "/dir-7"};
        assertArrayEquals(want, r.args(), a.toString());
    }
}
