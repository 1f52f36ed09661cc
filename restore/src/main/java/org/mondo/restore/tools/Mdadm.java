package org.mondo.restore.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mondo.layout.MdArray;
import org.mondo.tools.ToolException;

/** mdadm: makes an md array again with its UUID, name, level, metadata, chunk and layout. */
public final class Mdadm {
    private final Commands commands;

    public Mdadm(Commands commands) {
        this.commands = commands;
    }

    public void create(MdArray m) throws ToolException {
        commands.check(createCommand(m), "y\n");
    }

    public void stopAll() throws ToolException {
        commands.status(List.of("mdadm", "--stop", "--scan"));
    }

    public void zeroSuperblock(String device) throws ToolException {
        commands.status(List.of("mdadm", "--zero-superblock", "--force", device));
    }

    static List<String> createCommand(MdArray m) {
        List<String> a = new ArrayList<>(List.of("mdadm", "--create", m.device(), "--run", "--metadata=" + m.metadata(),
                "--level=" + m.level(), "--raid-devices=" + m.raidDevices(), "--uuid=" + m.uuid()));
        if (!m.name().isEmpty() && !m.metadata().startsWith("0.")) {
            int colon = m.name().indexOf(':');
            if (colon > 0) {
                a.add("--homehost=" + m.name().substring(0, colon));
                a.add("--name=" + m.name().substring(colon + 1));
            } else {
                a.add("--name=" + m.name());
            }
        }
        if (m.chunkKib() > 0) a.add("--chunk=" + m.chunkKib());
        if (!m.layout().isEmpty()) a.add("--layout=" + m.layout());
        List<MdArray.Member> active = m.members().stream().filter(x -> x.role().matches("\\d+"))
                .sorted(Comparator.comparingInt(x -> Integer.parseInt(x.role()))).toList();
        List<MdArray.Member> spares = m.members().stream().filter(x -> x.role().equals("spare")).toList();
        if (!spares.isEmpty()) a.add("--spare-devices=" + spares.size());
        for (int slot = 0; slot < m.raidDevices(); slot++) {
            final int s = slot;
            a.add(active.stream().filter(x -> Integer.parseInt(x.role()) == s).map(MdArray.Member::device).findFirst()
                    .orElse("missing"));
        }
        spares.forEach(x -> a.add(x.device()));
        return a;
    }
}
