package org.mondo.sets;

import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong with single files during a backup — changed or vanished while read, or
 * unreadable — kept to be reported at the end. They never abort the backup. Thread-safe.
 */
public final class Problems {
    public enum Kind { CHANGED, VANISHED, UNREADABLE }

    public record Problem(Kind kind, String path, String reason) {
        @Override
        public String toString() {
            return switch (kind) {
                case CHANGED -> "changed while read: " + path + (reason.isEmpty() ? "" : " (" + reason + ")");
                case VANISHED -> "vanished before read: " + path;
                case UNREADABLE -> "unreadable: " + path + ": " + reason;
            };
        }
    }

    private final List<Problem> list = new ArrayList<>();

    public synchronized void add(Kind kind, String path, String reason) {
        list.add(new Problem(kind, path, reason));
    }

    public synchronized List<Problem> all() {
        return List.copyOf(list);
    }

    public synchronized long count(Kind kind) {
        return list.stream().filter(p -> p.kind() == kind).count();
    }
}
