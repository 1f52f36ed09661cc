package org.mondo.restore.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.logging.Logger;

import org.mondo.catalog.Entry;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;
import org.mondo.progress.ProgressMeter;
import org.mondo.read.Backup;
import org.mondo.read.ContentReader;

/**
 * Restores a backup, or the chosen part of it, under a target directory: sets and big files in
 * parallel, then hard links, then directory metadata. Every file is checked against its SHA-256;
 * what is damaged or cannot be written is named, and the rest is restored all the same.
 */
public final class FileRestore {
    private static final Logger LOG = Logger.getLogger("mondo.restore");
    private final Backup backup;
    private final byte[] target;
    private final int threads;
    private final ProgressMeter progress;

    public record Result(long restored, List<String> damaged, List<String> failed) {
        public boolean complete() {
            return damaged.isEmpty() && failed.isEmpty();
        }
    }

    public FileRestore(Backup backup, byte[] target, int threads, ProgressMeter progress) {
        this.backup = backup;
        this.target = target;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    public Result run(Predicate<Entry> selected) throws IOException, InterruptedException {
        ContentReader reader = new ContentReader(backup);
        // A chosen hard link needs its leader's data: when the leader itself is not chosen, its data goes to the link.
        Map<ByteBuffer, Entry> dataGoesTo = new HashMap<>();
        List<Entry> links = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (Entry e : backup.catalog()) {
            if (!selected.test(e)) continue;
            if (e.hardLink) {
                Entry leader = reader.entry(e.link);
                if (leader != null && !selected.test(leader)) {
                    dataGoesTo.putIfAbsent(ByteBuffer.wrap(leader.path), e);
                    if (dataGoesTo.get(ByteBuffer.wrap(leader.path)) == e) continue;
                }
                links.add(e);
            } else if (e.hasContent()) {
                files++;
                bytes += e.size;
            }
        }
        Predicate<Entry> wanted = e -> selected.test(e) || dataGoesTo.containsKey(ByteBuffer.wrap(e.path));
        Set<ByteBuffer> restored = Collections.synchronizedSet(new HashSet<>());
        List<String> damaged = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        DirectoryFixups dirs = new DirectoryFixups();
        int rootFd = TargetTree.openRoot(target);
        List<EntryWriter> writers = Collections.synchronizedList(new ArrayList<>());
        List<TargetTree> trees = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<EntryWriter> writer = ThreadLocal.withInitial(() -> {
            TargetTree t = new TargetTree(rootFd);
            trees.add(t);
            EntryWriter w = new EntryWriter(t, dirs);
            writers.add(w);
            return w;
        });
        ContentReader.Visitor visitor = new ContentReader.Visitor() {
            @Override
            public ContentReader.Completion visit(Entry e, InputStream content) {
                if (e.hardLink) return ContentReader.Completion.NONE; // linked at the end
                Entry redirect = dataGoesTo.get(ByteBuffer.wrap(e.path));
                Entry as = redirect != null && !selected.test(e) ? redirect : e;
                try {
                    ContentReader.Completion c = writer.get().write(e, as.path, content); // a link shares its leader's inode, so its metadata too
                    return new ContentReader.Completion() {
                        @Override
                        public void commit() throws IOException {
                            try {
                                c.commit();
                                restored.add(ByteBuffer.wrap(as.path));
                                if (e.hasContent()) {
                                    progress.addBytes(e.size);
                                    progress.addFiles(1);
                                }
                            } catch (IOException ex) {
                                failed.add(PathBytes.display(as.path) + ": " + ex.getMessage());
                            }
                        }

                        @Override
                        public void abort() {
                            c.abort();
                        }
                    };
                } catch (IOException ex) {
                    failed.add(PathBytes.display(as.path) + ": " + ex.getMessage());
                    return ContentReader.Completion.NONE;
                }
            }

            @Override
            public void damaged(Entry e, String reason) {
                damaged.add(PathBytes.display(e.path) + ": " + reason);
            }
        };
        progress.phase("Restoring", files, bytes);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            org.mondo.read.Parallel.runAll(pool, reader.tasks(wanted, visitor));
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            for (EntryWriter w : writers) w.close();
            for (TargetTree t : trees) t.close();
        }
        progress.done();
        try (TargetTree tree = new TargetTree(rootFd); EntryWriter w = new EntryWriter(tree, dirs)) {
            for (Entry e : links) {
                if (!restored.contains(ByteBuffer.wrap(e.link))) {
                    damaged.add(PathBytes.display(e.path) + ": not linked, its data (" + PathBytes.display(e.link)
                            + ") was not restored");
                    continue;
                }
                try {
                    w.link(e, e.path, e.link);
                    restored.add(ByteBuffer.wrap(e.path));
                } catch (IOException ex) {
                    failed.add(PathBytes.display(e.path) + ": " + ex.getMessage());
                }
            }
        }
        failed.addAll(dirs.apply(rootFd));
        Libc.close(rootFd);
        for (String d : damaged) LOG.warning("damaged: " + d);
        for (String f : failed) LOG.warning("failed: " + f);
        return new Result(restored.size(), List.copyOf(damaged), List.copyOf(failed));
    }
}
