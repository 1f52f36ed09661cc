package org.mondo.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    private static final Pattern RATE = Pattern.compile(", ([0-9.]+) (B|KiB|MiB|GiB|TiB)/s");

    private static double rate(String line) {
        Matcher m = RATE.matcher(line);
        assertTrue(m.find(), line);
        int unit = List.of("B", "KiB", "MiB", "GiB", "TiB").indexOf(m.group(2));
        return Double.parseDouble(m.group(1)) * Math.pow(1024, unit);
    }

    @Test
    void aPhaseThatKeepsEarlierBytesAlsoKeepsTheirTime() throws Exception {
        ProgressMeter p = new ProgressMeter(new PrintStream(OutputStream.nullOutputStream()), false, 15_000);
        p.phase("Cataloging", 0, 0);
        p.addBytes(512 * 1024); // compressed while the walk still ran
        Thread.sleep(200);
        p.phase("Archiving", 10, 1024 * 1024, true);
        String line = p.line();
        // 512 KiB in at least 0.2 s: at most 2.5 MiB/s. Counted from the new phase it was ~500 GiB/s, "ETA 0s".
        assertTrue(rate(line) <= 2.5 * 1024 * 1024, line);
        assertTrue(line.contains("512 KiB/1.0 MiB (50%)"), line);
    }

    @Test
    void aFreshPhaseStartsFromNothing() {
        ProgressMeter p = new ProgressMeter(new PrintStream(OutputStream.nullOutputStream()), false, 15_000);
        p.phase("Reading", 0, 0);
        p.addBytes(4096);
        p.phase("Writing", 1, 100);
        assertEquals(0, p.bytesDone());
        assertTrue(p.line().startsWith("Writing: 0/1 files, 0 B/100 B (0%)"), p.line());
    }
}
