package org.mondo.archive;

import org.mondo.log.UserError;
import org.mondo.progress.ProgressMeter;
import org.mondo.progress.Sizes;

/**
 * Set and slice sizes that fit the volumes: a set is closed once it holds setBytes, so with its
 * last file it can reach setBytes + sliceBytes (files of sliceBytes or more are sliced). Both are
 * cut down for small volumes so that any piece fits in half of the smallest volume.
 */
record PieceSizes(long setBytes, int sliceBytes) {
    static final long MIN_SLICE = 1L << 20;

    static PieceSizes fit(BackupOptions o, ProgressMeter progress) throws UserError {
        long smallest = Long.MAX_VALUE;
        for (long s : o.sizes().sizes()) smallest = Math.min(smallest, s);
        long room = smallest / 2;
        long set = o.setBytes();
        long slice = o.sliceBytes();
        if (set + slice > room) {
            long each = Math.max(MIN_SLICE, room / 2 / MIN_SLICE * MIN_SLICE);
            if (slice > each) slice = each;
            if (set > each) set = each;
            progress.message("Volumes of " + Sizes.human(smallest) + ": using sets of " + Sizes.human(set)
                    + " and slices of " + Sizes.human(slice));
        }
        if (set + slice > smallest) {
            throw new UserError("-s " + Sizes.human(smallest) + " cannot hold a set of " + Sizes.human(set)
                    + " and a slice of " + Sizes.human(slice) + ": choose a bigger -s");
        }
        return new PieceSizes(set, (int) slice);
    }
}
