package org.mondo.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.mondo.media.IsoImage;

/**
 * The volumes of a backup that come one at a time through one drive (CDs or DVDs in the boot
 * environment): a reader holds the volume it reads; when another volume is wanted, the drive is
 * changed once nobody reads the one in it, and among the volumes wanted the lowest comes first
 * (readers take the sets in volume order, so each disc is asked for as few times as possible).
 */
public final class DriveVolumes implements AutoCloseable {
    /** The physical drive: what it holds now, and asking a person to change the disc. */
    public interface Drive {
        /** The disc in the drive now, or empty when there is none or it cannot be read yet. */
        Optional<IsoImage> open();

        /** Lets the disc go (unmount, open the tray) and asks for {@code request}. */
        void ask(String request);

        /** Said when the drive holds a disc that is not the one asked for. */
        void wrongDisc(String what);

        /** Waits before looking at the drive again. */
        void pause() throws InterruptedException;
    }

    private final Drive drive;
    private final String backupId;
    private Backup.Volume current;
    private int holds;
    /** Volume number → readers waiting for it. */
    private final TreeMap<Integer, Integer> waiting = new TreeMap<>();

    /** Starts with the disc in the drive, which must be a volume of {@code backupId}. */
    DriveVolumes(Drive drive, Backup.Volume inDrive) {
        this.drive = drive;
        this.backupId = inDrive.backupId();
        this.current = inDrive;
    }

    public String backupId() {
        return backupId;
    }

    /** The number of the volume in the drive now. */
    public synchronized int inDrive() {
        return current.number();
    }

    /** The volume in the drive, after asking for one that {@code wanted} accepts if the drive holds another. */
    synchronized Backup.Volume change(String request, Predicate<Backup.Volume> wanted) throws IOException {
        if (!wanted.test(current)) swap(request, wanted);
        return current;
    }

    /** Opens archives/NAME on volume {@code number}, or empty if that volume does not have it. */
    Optional<InputStream> open(int number, String path) throws IOException {
        Backup.Volume v = hold(number);
        boolean kept = false;
        try {
            var file = v.image().find(path);
            if (file.isEmpty()) return Optional.empty();
            InputStream in = new Held(v.image().open(file.get()));
            kept = true;
            return Optional.of(in);
        } finally {
            if (!kept) release();
        }
    }

    private synchronized Backup.Volume hold(int number) throws IOException {
        waiting.merge(number, 1, Integer::sum);
        try {
            while (current.number() != number) {
                if (holds == 0 && waiting.firstKey() == number) {
                    swap("volume " + number, v -> v.number() == number);
                } else {
                    wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for volume " + number, e);
        } finally {
            waiting.computeIfPresent(number, (k, n) -> n == 1 ? null : n - 1);
        }
        holds++;
        return current;
    }

    private synchronized void release() {
        holds--;
        notifyAll();
    }

    /** Closes the disc in the drive, asks for the wanted one and waits until it is there. */
    private void swap(String request, Predicate<Backup.Volume> wanted) throws IOException {
        current.image().close();
        String ask = "Insert " + request + " of backup " + backupId + " into the drive";
        drive.ask(ask);
        String lastWrong = null;
        try {
            while (true) {
                drive.pause();
                Optional<IsoImage> img = drive.open();
                if (img.isEmpty()) continue;
                Backup.Volume v;
                try {
                    v = Backup.describe(null, img.get());
                } catch (IOException e) {
                    img.get().close();
                    lastWrong = say("a disc that is not a Mondo volume", lastWrong);
                    continue;
                }
                if (v.backupId().equals(backupId) && wanted.test(v)) {
                    current = v;
                    return;
                }
                v.image().close();
                lastWrong = say(v.backupId().equals(backupId) ? "volume " + v.number() + " of this backup"
                        : "a volume of another backup (" + v.backupId() + ")", lastWrong);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request, e);
        }
    }

    /** Tells once per different disc that it is the wrong one. */
    private String say(String what, String lastWrong) {
        if (!what.equals(lastWrong)) drive.wrongDisc("the drive holds " + what);
        return what;
    }

    @Override
    public synchronized void close() throws IOException {
        current.image().close();
    }

    /** A stream that keeps its volume in the drive until it is closed. */
    private final class Held extends FilterInputStream {
        private boolean closed;

        Held(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                super.close();
            } finally {
                release();
            }
        }
    }
}
