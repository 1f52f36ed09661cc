package org.mondo.read;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Turns for tasks grouped by a key (consecutive tasks with the same key, e.g. the volume, form a
 * group): a task starts only when every task of the groups before its own is done. Tasks are queued in that order on a FIFO pool, so a task
 * that waits only waits for tasks already running: no deadlock, and no disc asked for twice.
 */
final class VolumeTurns {
    /** Per task, its group's index; per group, a latch counting its tasks down. */
    private final int[] groupOf;
    private final List<CountDownLatch> done = new ArrayList<>();

    VolumeTurns(List<Integer> keyOfTask) {
        groupOf = new int[keyOfTask.size()];
        int group = -1;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < keyOfTask.size(); i++) {
            if (i == 0 || !keyOfTask.get(i).equals(keyOfTask.get(i - 1))) {
                group++;
                sizes.add(0);
            }
            groupOf[i] = group;
            sizes.set(group, sizes.get(group) + 1);
        }
        for (int n : sizes) done.add(new CountDownLatch(n));
    }

    /** Task {@code index} waiting for its turn, and counting itself done (also when it fails). */
    Callable<Void> gate(int index, Callable<Void> task) {
        int g = groupOf[index];
        return () -> {
            if (g > 0) done.get(g - 1).await();
            try {
                return task.call();
            } finally {
                done.get(g).countDown();
            }
        };
    }
}
