package org.mondo.restore.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the restored system where the new disks differ from the backup's: device names in fstab,
 * crypttab, GRUB's defaults and mdadm.conf (sda1 → vda1; all renames at once, so sda↔vdb swaps
 * work), and asks for an SELinux relabel at first boot when the system uses SELinux.
 */
public final class SystemFixups {
    static final List<String> FILES_WITH_DEVICES = List.of("etc/fstab", "etc/crypttab", "etc/default/grub",
            "etc/mdadm/mdadm.conf", "etc/mdadm.conf", "etc/initramfs-tools/conf.d/resume");

    private SystemFixups() {}

    /** Rewrites device names in the files above; returns the files changed. */
    public static List<String> renameDevices(Path root, Map<String, String> deviceMap) throws IOException {
        List<String> changed = new ArrayList<>();
        Map<String, String> renames = new java.util.HashMap<>();
        deviceMap.forEach((from, to) -> {
            if (!from.equals(to) && from.startsWith("/dev/")) renames.put(from, to);
        });
        if (renames.isEmpty()) return changed;
        for (String f : FILES_WITH_DEVICES) {
            Path p = root.resolve(f);
            if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            String before = Files.readString(p);
            String after = rename(before, renames);
            if (!after.equals(before)) {
                Files.writeString(p, after);
                changed.add("/" + f);
            }
        }
        return changed;
    }

    /** Each device name as a whole word (not /dev/sda inside /dev/sda1), all in one pass. */
    static String rename(String text, Map<String, String> renames) {
        List<String> names = new ArrayList<>(renames.keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        Pattern p = Pattern.compile("(?<![\\w/.-])(" + String.join("|", names.stream().map(Pattern::quote).toList())
                + ")(?![\\w.-])");
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(renames.get(m.group(1))));
        m.appendTail(sb);
        return sb.toString();
    }

    /** SELINUX=enforcing or permissive in the restored /etc/selinux/config: relabel at first boot. */
    public static boolean requestSelinuxRelabel(Path root) throws IOException {
        Path cfg = root.resolve("etc/selinux/config");
        if (!Files.isRegularFile(cfg)) return false;
        boolean used = Files.readAllLines(cfg).stream().map(String::trim)
                .anyMatch(l -> l.equals("SELINUX=enforcing") || l.equals("SELINUX=permissive"));
        if (used) Files.writeString(root.resolve(".autorelabel"), "");
        return used;
    }
}
