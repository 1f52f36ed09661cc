package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mondo.nativeio.FileType;

class EntryFeedTest {
    private static Entry entry(int i) {
        return new Entry(("/f" + i).getBytes(StandardCharsets.UTF_8), FileType.REGULAR);
    }

    @Test
    void anotherThreadTakesEveryEntryInOrderAndThenTheEnd() throws Exception {
        EntryFeed feed = new EntryFeed();
        List<Entry> sent = new ArrayList<>();
        for (int i = 0; i < 2000; i++) sent.add(entry(i)); // several batches and a partial one
        Thread walker = new Thread(() -> {
            sent.forEach(feed);
            feed.end();
        });
        walker.start();
        List<Entry> got = new ArrayList<>();
        feed.forEachRemaining(got::add);
        walker.join();
        assertEquals(sent, got);
        assertFalse(feed.hasNext());
    }

    @Test
    void aFailedWalkFailsTheTakerAfterTheEntriesBeforeIt() {
        EntryFeed feed = new EntryFeed();
        Entry first = entry(1);
        feed.accept(first);
        IllegalStateException cause = new IllegalStateException("walk broke");
        feed.fail(cause);
        assertSame(first, feed.next());
        assertSame(cause, assertThrows(IllegalStateException.class, feed::hasNext));
    }
}
