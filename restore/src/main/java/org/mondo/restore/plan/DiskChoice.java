package org.mondo.restore.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mondo.layout.Disk;
import org.mondo.progress.Sizes;

/**
 * Which disk of this machine receives which disk of the backup when the planner cannot tell by
 * itself (interactive mode's {@code map SRC DST}): the admin's choices, and the plan made with them.
 */
public final class DiskChoice {
    private final Planner planner;
    private final List<TargetDisk> targets;
    private final Map<String, String> chosen = new LinkedHashMap<>();

    public DiskChoice(Planner planner, List<TargetDisk> targets) {
        this.planner = planner;
        this.targets = List.copyOf(targets);
    }

    /** The plan with the choices made so far (the planner maps the other disks when it can). */
    public RestorePlan plan() throws PlanException {
        return planner.plan(targets, chosen);
    }

    /** Restores the backup's disk {@code source} to this machine's disk {@code target} from now on. */
    public void choose(String source, String target) {
        chosen.remove(source);
        chosen.values().remove(target); // a disk receives one source: the latest choice wins
        chosen.put(source, target);
    }

    /** The disks on both sides and the choices, for a screen. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("disks of the backup: " + String.join(", ",
                planner.sourceDisks().stream().map(d -> d.device() + " " + Sizes.human(d.sizeBytes())).toList()));
        out.add("disks of this machine: " + String.join(", ",
                targets.stream().map(t -> t.device() + " " + Sizes.human(t.sizeBytes())).toList()));
        chosen.forEach((s, t) -> out.add("chosen: " + s + " -> " + t));
        return out;
    }

    /** Device names for completion: both sides. */
    public List<String> devices() {
        List<String> out = new ArrayList<>(planner.sourceDisks().stream().map(Disk::device).toList());
        targets.forEach(t -> out.add(t.device()));
        return out;
    }
}
