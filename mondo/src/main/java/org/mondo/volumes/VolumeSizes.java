package org.mondo.volumes;

import java.util.ArrayList;
import java.util.List;

import org.mondo.progress.Sizes;

/** The -s list: one size for every volume, or one per volume with the last one repeating. */
public record VolumeSizes(List<Long> sizes) {
    public static final long MINIMUM = 8L << 20;

    public static VolumeSizes parse(String spec) {
        List<Long> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            long s = Sizes.parse(part);
            if (s < MINIMUM) {
                throw new IllegalArgumentException("volume size " + part.trim() + " is too small (at least 8m)");
            }
            out.add(s);
        }
        return new VolumeSizes(List.copyOf(out));
    }

    /** The size of volume n (1-based). */
    public long of(int volume) {
        return sizes.get(Math.min(volume, sizes.size()) - 1);
    }
}
