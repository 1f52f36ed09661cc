package org.mondo.restore.tools;

import java.util.ArrayList;
import java.util.List;

import org.mondo.layout.Disk;
import org.mondo.layout.Partition;
import org.mondo.layout.TableType;
import org.mondo.tools.ToolException;

/**
 * sfdisk, which writes a whole partition table from a script: label and its id, the GPT usable
 * range and entry count, and each partition's start, size, type, PARTUUID, name and attributes —
 * all a restore needs to make the very table the backup recorded.
 */
public final class Sfdisk {
    private final Commands commands;

    public Sfdisk(Commands commands) {
        this.commands = commands;
    }

    public void write(Disk disk) throws ToolException {
        commands.check(List.of("sfdisk", "--wipe", "always", "--wipe-partitions", "always", disk.device()), script(disk));
    }

    /** The sfdisk script (sfdisk(8), "input formats") for this disk's table. */
    public static String script(Disk d) {
        StringBuilder s = new StringBuilder();
        boolean gpt = d.table() == TableType.GPT;
        s.append("label: ").append(gpt ? "gpt" : "dos").append('\n');
        if (!d.id().isEmpty()) s.append("label-id: ").append(d.id()).append('\n');
        s.append("unit: sectors\n");
        if (gpt) {
            if (d.firstLba() > 0) s.append("first-lba: ").append(d.firstLba()).append('\n');
            if (d.lastLba() > 0) s.append("last-lba: ").append(d.lastLba()).append('\n');
            if (d.entries() > 0) s.append("table-length: ").append(d.entries()).append('\n');
        }
        s.append("sector-size: ").append(d.logicalSectorSize()).append("\n\n");
        for (Partition p : d.partitions().stream().sorted((a, b) -> Integer.compare(a.number(), b.number())).toList()) {
            s.append(p.device()).append(" : start=").append(p.start()).append(", size=").append(p.sectors())
                    .append(", type=").append(gpt ? p.type() : Integer.toHexString(Integer.parseInt(p.type(), 16)));
            if (gpt) {
                if (!p.uuid().isEmpty()) s.append(", uuid=").append(p.uuid());
                if (!p.name().isEmpty()) s.append(", name=\"").append(p.name().replace("\"", "")).append('"');
                String attrs = attributes(p.attributes());
                if (!attrs.isEmpty()) s.append(", attrs=\"").append(attrs).append('"');
            } else if (p.hasFlag("boot")) {
                s.append(", bootable");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** GPT attribute bits in sfdisk's words: the three named bits, GUID:N for bits 48-63. */
    static String attributes(long bits) {
        List<String> out = new ArrayList<>();
        String[] named = {"RequiredPartition", "NoBlockIOProtocol", "LegacyBIOSBootable"};
        for (int b = 0; b < 3; b++) if ((bits & (1L << b)) != 0) out.add(named[b]);
        List<String> guid = new ArrayList<>();
        for (int b = 48; b < 64; b++) if ((bits & (1L << b)) != 0) guid.add(String.valueOf(b));
        if (!guid.isEmpty()) out.add("GUID:" + String.join(",", guid));
        return String.join(" ", out);
    }
}
