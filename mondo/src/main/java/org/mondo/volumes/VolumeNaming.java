package org.mondo.volumes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where volumes go and what they are called: DIR/PREFIX-N.iso, with an ISO label that names the backup. */
public record VolumeNaming(Path dir, String prefix, String backupId) {
    public VolumeNaming {
        if (prefix.isEmpty() || prefix.contains("/") || prefix.startsWith(".")) {
            throw new IllegalArgumentException("bad prefix '" + prefix + "': a plain file-name prefix is needed");
        }
    }

    public Path iso(int volume) {
        return dir.resolve(prefix + "-" + volume + ".iso");
    }

    /** The name a volume is built under; it is renamed to {@link #iso} when complete. */
    public Path partial(int volume) {
        return dir.resolve("." + prefix + "-" + volume + ".iso.partial");
    }

    /** ISO 9660 volume id (at most 32 characters): lets the boot environment find its media by label. */
    public String volumeId(int volume) {
        return ("MONDO_" + backupId.substring(0, 8) + "_" + volume).toUpperCase();
    }

    /** The existing PREFIX-N.iso files in the directory, by volume number. */
    public List<Path> existing() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "-[0-9]{1,6}\\.iso");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (p.matcher(f.getFileName().toString()).matches()) out.add(f);
            }
        }
        out.sort(java.util.Comparator.comparingInt(f -> number(f.getFileName().toString())));
        return out;
    }

    /** The volume number in a PREFIX-N.iso name. */
    public int number(Path iso) {
        String name = iso.getFileName().toString();
        return Integer.parseInt(name.substring(prefix.length() + 1, name.length() - 4));
    }

    private int number(String name) {
        return number(Path.of(name));
    }
}
