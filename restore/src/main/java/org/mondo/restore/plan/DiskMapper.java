package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.mondo.layout.Disk;
import org.mondo.progress.Sizes;

/**
 * Chooses which target disk receives each source disk, only when the choice is unambiguous:
 * <ol>
 * <li>a target with the same name and the same size;</li>
 * <li>else the one target of exactly the same size;</li>
 * <li>else, when as many targets as source disks are left, the next in name order (each must hold
 *     its source's data); or the single target left that is big enough.</li>
 * </ol>
 * Anything else (two candidates of different sizes for one disk, a disk too small for the data) is
 * a {@link PlanException} that says which disks and why, so nuke stops before writing anything.
 * What the admin chose in interactive mode ({@code map SRC DST}) comes before all of these.
 */
public final class DiskMapper {
    private DiskMapper() {}

    /** Source disk device → target disk device, in the sources' order. */
    public static Map<String, String> map(List<Disk> sources, List<TargetDisk> targets, ToLongFunction<Disk> minimumBytes)
            throws PlanException {
        return map(sources, targets, minimumBytes, Map.of());
    }

    /** As {@link #map(List, List, ToLongFunction)}, with some source disks' targets {@code chosen} by the admin. */
    public static Map<String, String> map(List<Disk> sources, List<TargetDisk> targets, ToLongFunction<Disk> minimumBytes,
            Map<String, String> chosen) throws PlanException {
        Map<String, String> out = new LinkedHashMap<>();
        List<TargetDisk> free = new ArrayList<>(targets);
        List<Disk> left = new ArrayList<>();
        for (Map.Entry<String, String> c : chosen.entrySet()) {
            Disk s = sources.stream().filter(d -> d.device().equals(c.getKey())).findFirst()
                    .orElseThrow(() -> new PlanException("the backup has no disk " + c.getKey() + " (it has "
                            + String.join(", ", sources.stream().map(Disk::device).toList()) + ")"));
            TargetDisk t = free.stream().filter(d -> d.device().equals(c.getValue())).findFirst()
                    .orElseThrow(() -> new PlanException(c.getValue() + " is not a free disk of this machine (free: "
                            + String.join(", ", free.stream().map(TargetDisk::device).toList()) + ")"));
            long need = minimumBytes.applyAsLong(s);
            if (t.sizeBytes() < need) {
                throw new PlanException(t.device() + " (" + Sizes.human(t.sizeBytes()) + ") is too small for " + s.device()
                        + ": its data needs at least " + Sizes.human(need));
            }
            out.put(s.device(), t.device());
            free.remove(t);
        }
        for (Disk s : sources) {
            if (out.containsKey(s.device())) continue;
            TargetDisk same = free.stream().filter(t -> t.device().equals(s.device()) && t.sizeBytes() == s.sizeBytes())
                    .findFirst().orElse(null);
            if (same != null) {
                out.put(s.device(), same.device());
                free.remove(same);
            } else {
                left.add(s);
            }
        }
        List<Disk> unmatched = new ArrayList<>();
        for (Disk s : left) {
            List<TargetDisk> equal = free.stream().filter(t -> t.sizeBytes() == s.sizeBytes()).toList();
            if (equal.size() == 1) {
                out.put(s.device(), equal.getFirst().device());
                free.remove(equal.getFirst());
            } else {
                unmatched.add(s);
            }
        }
        boolean oneToOne = unmatched.size() == free.size();
        for (Disk s : unmatched) {
            long need = minimumBytes.applyAsLong(s);
            List<TargetDisk> big = free.stream().filter(t -> t.sizeBytes() >= need).toList();
            TargetDisk pick;
            if (free.isEmpty()) {
                throw new PlanException("no disk left for " + s.device() + " (" + Sizes.human(s.sizeBytes())
                        + "): this machine has " + targets.size() + " usable disk(s) for " + sources.size());
            } else if (oneToOne) {
                pick = free.getFirst();
                if (pick.sizeBytes() < need) {
                    throw new PlanException(pick.device() + " (" + Sizes.human(pick.sizeBytes()) + ") is too small for "
                            + s.device() + ": its data needs at least " + Sizes.human(need));
                }
            } else if (big.size() == 1) {
                pick = big.getFirst();
            } else if (big.isEmpty()) {
                throw new PlanException("no disk is big enough for " + s.device() + ": its data needs at least "
                        + Sizes.human(need));
            } else {
                throw new PlanException("more than one disk could take " + s.device() + " (" + Sizes.human(s.sizeBytes()) + "): "
                        + String.join(", ", big.stream().map(t -> t.device() + " " + Sizes.human(t.sizeBytes())).toList())
                        + "; choose in interactive mode (map SRC DST) or boot with map=SRC:DST,...");
            }
            out.put(s.device(), pick.device());
            free.remove(pick);
        }
        return out;
    }
}
