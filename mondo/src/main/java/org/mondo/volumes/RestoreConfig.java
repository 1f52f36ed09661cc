package org.mondo.volumes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * mondorestore.cfg: one "key value" pair per line, as MondoRescue's mondo-restore.cfg, so an admin
 * reads and edits it with any editor. Keys are listed in docs/on-media-format.md.
 */
public final class RestoreConfig {
    public static final String FILE = "mondorestore.cfg";
    private final Map<String, String> values = new LinkedHashMap<>();

    public RestoreConfig set(String key, Object value) {
        if (key.contains(" ") || key.contains("\n")) throw new IllegalArgumentException("bad key " + key);
        String v = String.valueOf(value).replace('\n', ' ');
        values.put(key, v);
        return this;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String require(String key) throws IOException {
        String v = values.get(key);
        if (v == null) throw new IOException(FILE + " has no '" + key + "'");
        return v;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    public void write(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("# mondorestore.cfg written by mondoarchive; see docs/on-media-format.md\n");
        values.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static RestoreConfig read(InputStream in) throws IOException {
        RestoreConfig c = new RestoreConfig();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int sp = l.indexOf(' ');
            if (sp < 0) c.values.put(l, "");
            else c.values.put(l.substring(0, sp), l.substring(sp + 1).strip());
        }
        return c;
    }
}
