package org.mondo.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.mondo.catalog.Entry;
import org.mondo.codec.Codec;
import org.mondo.codec.CompressionPolicy;
import org.mondo.nativeio.FileType;

class SetPlannerTest {
    private static final long BIG = 1000;
    private static final int SLICE = 300;

    private static BackupContext ctx() {
        return new BackupContext(new CompressionPolicy(Codec.ZSTD), 3, BIG, SLICE, Path.of("/nonexistent"), null, null,
                Map.of());
    }

    private static int counter;

    private static Entry file(long size) {
        Entry e = new Entry(("/f" + counter++).getBytes(StandardCharsets.UTF_8), FileType.REGULAR);
        e.size = size;
        return e;
    }

    private static Entry dir() {
        return new Entry(("/d" + counter++).getBytes(StandardCharsets.UTF_8), FileType.DIRECTORY);
    }

    private static Entry hardLink(Entry leader) {
        Entry e = file(leader.size);
        e.hardLink = true;
        e.link = leader.path;
        return e;
    }

    private static String kinds(List<Job> jobs) {
        StringBuilder sb = new StringBuilder();
        for (Job j : jobs) sb.append(j instanceof SetJob ? 'S' : j instanceof BigFileJob ? 'B' : '?');
        return sb.toString();
    }

    @Test
    void setsAreNumberedFromOneAndCloseAtSetBytes() {
        List<Entry> cat = List.of(dir(), file(100), file(100), file(100), file(10), file(240), file(5));
        List<Job> jobs = SetPlanner.plan(cat, ctx(), 250, 1000);
        // 0+100+100+100=300 >= 250 closes set 1 after the 4th entry; 10+240=250 closes set 2; 5 is set 3
        assertEquals("SSS", kinds(jobs));
        int[] sets = cat.stream().mapToInt(e -> e.set).toArray();
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 3), java.util.Arrays.stream(sets).boxed().toList());
        for (Entry e : cat) assertEquals(0, e.big);
    }

    @Test
    void setsCloseAtSetEntries() {
        List<Entry> cat = new ArrayList<>();
        for (int i = 0; i < 10; i++) cat.add(i % 2 == 0 ? dir() : file(1));
        List<Job> jobs = SetPlanner.plan(cat, ctx(), 1L << 40, 4);
        assertEquals("SSS", kinds(jobs));
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 3, 3), cat.stream().map(e -> e.set).toList());
    }

    @Test
    void bigFilesGetTheirOwnJobInCatalogOrder() {
        Entry a = file(10);
        Entry big1 = file(BIG); // exactly the threshold counts as big
        Entry b = dir();
        Entry big2 = file(5 * BIG + 1);
        Entry big3 = file(BIG * 2);
        Entry c = file(BIG - 1); // just below: goes in a set
        List<Entry> cat = List.of(a, big1, b, big2, big3, c);
        List<Job> jobs = SetPlanner.plan(cat, ctx(), 1L << 40, 1000);
        assertEquals("SBSBBS", kinds(jobs));
        assertInstanceOf(BigFileJob.class, jobs.get(1));
        assertEquals(1, a.set);
        assertEquals(1, big1.big);
        assertEquals(0, big1.set);
        assertEquals(2, b.set);
        assertEquals(2, big2.big);
        assertEquals(3, big3.big);
        assertEquals(3, c.set);
        assertEquals(0, c.big);
        assertEquals(4, big1.slices, "ceil(1000/300)");
        assertEquals(17, big2.slices, "ceil(5001/300)");
        assertEquals(7, big3.slices);
    }

    @Test
    void aBigFileFirstInTheCatalogNeedsNoEmptySetBeforeIt() {
        Entry big = file(BIG * 3);
        Entry f = file(1);
        List<Job> jobs = SetPlanner.plan(List.of(big, f), ctx(), 100, 100);
        assertEquals("BS", kinds(jobs));
        assertEquals(1, f.set, "sets are numbered from 1 even after a big file");
        assertEquals(1, big.big);
    }

    @Test
    void hardLinksAndEmptyFilesAreNeverBigAndAddNoBytes() {
        Entry leader = file(BIG * 10);
        Entry link = hardLink(leader);
        Entry f1 = file(60);
        Entry f2 = file(60);
        List<Job> jobs = SetPlanner.plan(List.of(leader, link, f1, f2), ctx(), 100, 1000);
        assertEquals("BS", kinds(jobs), "the hard link's size does not count: it rides in the next set");
        assertEquals(1, link.set);
        assertEquals(0, link.big);
        assertEquals(1, f1.set);
        assertEquals(1, f2.set);
    }

    @Test
    void emptyCatalogGivesNoJobs() {
        SetPlanner p = new SetPlanner(List.of(), ctx(), 10, 10);
        assertFalse(p.hasNext());
        assertThrows(NoSuchElementException.class, p::next);
    }

    @Test
    void hasNextIsIdempotent() {
        List<Entry> cat = List.of(file(1), file(BIG), file(1));
        SetPlanner p = new SetPlanner(cat, ctx(), 10, 10);
        int n = 0;
        while (p.hasNext()) {
            assertTrue(p.hasNext());
            p.next();
            n++;
        }
        assertEquals(3, n);
    }

    @RepeatedTest(30)
    void randomCatalogsObeyTheRules(RepetitionInfo info) {
        Random rnd = new Random(500 + info.getCurrentRepetition());
        long setBytes = 1 + rnd.nextInt(3000);
        int setEntries = 1 + rnd.nextInt(12);
        List<Entry> cat = new ArrayList<>();
        int n = rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            if (kind == 0) cat.add(dir());
            else if (kind == 1) cat.add(file(BIG + rnd.nextInt(5000)));
            else if (kind == 2 && !cat.isEmpty() && cat.get(cat.size() - 1).isRegular()) cat.add(hardLink(cat.get(cat.size() - 1)));
            else cat.add(file(rnd.nextInt(600)));
        }
        List<Job> jobs = SetPlanner.plan(cat, ctx(), setBytes, setEntries);

        // Expected job sequence, read off the numbers the planner wrote into the catalog.
        StringBuilder expect = new StringBuilder();
        int lastSet = 0;
        int lastBig = 0;
        int sets = 0;
        for (Entry e : cat) {
            boolean big = e.hasContent() && e.size >= BIG;
            if (big) {
                assertEquals(0, e.set);
                assertEquals(lastBig + 1, e.big, "big files numbered in catalog order");
                assertEquals((e.size + SLICE - 1) / SLICE, e.slices);
                lastBig = e.big;
                expect.append('B');
            } else {
                assertEquals(0, e.big);
                assertTrue(e.set == lastSet || e.set == lastSet + 1, "sets are consecutive: " + e.set + " after " + lastSet);
                if (e.set != lastSet) {
                    expect.append('S');
                    sets++;
                }
                lastSet = e.set;
            }
        }
        assertEquals(expect.toString(), kinds(jobs), "one job per set or big file, in catalog order");
        assertEquals(sets, lastSet);

        // Each set: at most setEntries entries; only the last added content file may push it past setBytes,
        // and a set that stopped short of both limits was followed by a big file or the end.
        for (int s = 1; s <= sets; s++) {
            int first = -1;
            int last = -1;
            long bytes = 0;
            long lastFile = 0;
            for (int i = 0; i < cat.size(); i++) {
                Entry e = cat.get(i);
                if (e.set != s) continue;
                if (first < 0) first = i;
                last = i;
                if (e.hasContent()) {
                    bytes += e.size;
                    lastFile = e.size;
                }
            }
            int count = last - first + 1;
            assertTrue(count <= setEntries, "set " + s + " has " + count + " entries");
            assertTrue(bytes - lastFile < setBytes || count == 1, "set " + s + " overfull");
            boolean full = bytes >= setBytes || count >= setEntries;
            boolean endsAtBigOrEnd = last == cat.size() - 1 || cat.get(last + 1).big > 0;
            assertTrue(full || endsAtBigOrEnd, "set " + s + " closed early");
        }
    }
}
