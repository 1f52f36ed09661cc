package org.mondo.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RestoreConfigTest {

    private static RestoreConfig roundTrip(RestoreConfig c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return RestoreConfig.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void writeThenReadGivesTheSameValues() throws IOException {
        RestoreConfig c = new RestoreConfig()
                .set("backup-id", "0f3a9c1e-2b")
                .set("codec", "zst")
                .set("volumes", 3)
                .set("volume-size", 4697620480L)
                .set("include", "/ /home/My Documents")
                .set("exclude", "")
                .set("label", "café ☕")
                .set("command", "mondoarchive -Oi -d /bkp -E \"/tmp /var/tmp\"")
                .set("empty-number", 0);
        RestoreConfig back = roundTrip(c);
        assertEquals(c.asMap(), back.asMap());
        assertEquals(Optional.of("3"), back.get("volumes"));
        assertEquals("/ /home/My Documents", back.require("include"));
        assertEquals("", back.require("exclude"));
    }

    @Test
    void keysKeepTheirOrderInTheFile() throws IOException {
        RestoreConfig c = new RestoreConfig().set("zeta", 1).set("alpha", 2).set("mid", 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("zeta 1", "alpha 2", "mid 3"), lines);
    }

    @Test
    void aLaterSetReplacesTheValue() throws IOException {
        RestoreConfig c = new RestoreConfig().set("k", "a").set("k", "b");
        assertEquals("b", roundTrip(c).require("k"));
    }

    @Test
    void newlinesInValuesCannotAddKeys() throws IOException {
        RestoreConfig c = new RestoreConfig().set("note", "one\ninjected yes");
        RestoreConfig back = roundTrip(c);
        assertEquals(Optional.empty(), back.get("injected"));
        assertEquals("one injected yes", back.require("note"));
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RestoreConfig().set("two words", 1));
        assertThrows(IllegalArgumentException.class, () -> new RestoreConfig().set("a\nb", 1));
    }

    @Test
    void requireNamesTheMissingKey() {
        IOException e = assertThrows(IOException.class, () -> new RestoreConfig().require("backup-id"));
        assertTrue(e.getMessage().contains("backup-id"), e.getMessage());
        assertTrue(e.getMessage().contains(RestoreConfig.FILE), e.getMessage());
    }

    @Test
    void readToleratesCommentsBlankLinesCrLfAndExtraSpaces() throws IOException {
        String text = "# comment\r\n\r\nkey1   value with  spaces  \r\n  indented yes\nflag\n";
        RestoreConfig c = RestoreConfig.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("key1", "value with  spaces", "indented", "yes", "flag", ""), c.asMap());
    }

    @Test
    void randomValuesRoundTrip() throws IOException {
        Random rnd = new Random(8);
        String alphabet = "abcXYZ019/._-=:,;\"'é€ \t";
        for (int round = 0; round < 200; round++) {
            RestoreConfig c = new RestoreConfig();
            int n = rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                StringBuilder v = new StringBuilder();
                int len = rnd.nextInt(30);
                for (int k = 0; k < len; k++) v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                // values are trimmed on read: keep the ends non-blank
                c.set("key-" + i, "<" + v + ">");
            }
            assertEquals(c.asMap(), roundTrip(c).asMap());
        }
    }
}
