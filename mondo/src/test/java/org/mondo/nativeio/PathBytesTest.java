package org.mondo.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PathBytesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    private static void assertSafeLine(String escaped) {
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            assertFalse(c < 0x20 || c == 0x7f, () -> "control character in escaped text: " + escaped);
        }
        // Every non-ASCII char in the escaped text comes from well-formed UTF-8: no replacement chars.
        assertFalse(escaped.contains("\uFFFD"), escaped);
    }

    @Test
    void everySingleByteValueRoundTrips() {
        for (int v = 0; v < 256; v++) {
            byte[] in = raw('a', v, 'z');
            String e = PathBytes.escape(in);
            assertSafeLine(e);
            assertArrayEquals(in, PathBytes.unescape(e), "byte 0x" + Integer.toHexString(v));
        }
    }

    @Test
    void randomByteArraysRoundTrip() {
        Random rnd = new Random(0xC0FFEE);
        for (int round = 0; round < 20_000; round++) {
            byte[] in = new byte[rnd.nextInt(40)];
            rnd.nextBytes(in);
            String e = PathBytes.escape(in);
            assertSafeLine(e);
            assertFalse(e.contains("\n") || e.contains("\t") || e.contains("\r"));
            assertArrayEquals(in, PathBytes.unescape(e), () -> "round " + e);
        }
    }

    @Test
    void randomMixOfValidUtf8AndInvalidBytesRoundTrips() {
        Random rnd = new Random(42);
        int[] cps = {'a', '\\', 'x', '/', 0xe9, 0x3b1, 0x20ac, 0x4e2d, 0x1f600, 0x10ffff, 0xfffd, 0x85};
        for (int round = 0; round < 5_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int parts = rnd.nextInt(10);
            for (int p = 0; p < parts; p++) {
                if (rnd.nextBoolean()) {
                    out.writeBytes(b(new String(Character.toChars(cps[rnd.nextInt(cps.length)]))));
                } else {
                    out.write(0x80 + rnd.nextInt(0x80)); // a stray continuation or lead byte
                }
            }
            byte[] in = out.toByteArray();
            assertArrayEquals(in, PathBytes.unescape(PathBytes.escape(in)));
        }
    }

    @Test
    void validMultiByteUtf8StaysReadable() {
        String name = "/home/zoë/日本語/😀 résumé.txt";
        assertEquals(name, PathBytes.escape(b(name)));
        assertArrayEquals(b(name), PathBytes.unescape(name));
    }

    @Test
    void specialCharactersAreEscaped() {
        assertEquals("a\\\\b", PathBytes.escape(b("a\\b")));
        assertEquals("a\\nb\\tc\\rd", PathBytes.escape(b("a\nb\tc\rd")));
        assertEquals("\\x00\\x1f\\x7f", PathBytes.escape(raw(0, 0x1f, 0x7f)));
        assertEquals("\\xff\\xfe", PathBytes.escape(raw(0xff, 0xfe)));
    }

    @Test
    void invalidUtf8IsHexEscapedByteByByte() {
        // overlong '/' (c0 af), a lone continuation, a surrogate (ed a0 80), above U+10FFFF (f4 90 80 80), truncated
        assertEquals("\\xc0\\xaf", PathBytes.escape(raw(0xc0, 0xaf)));
        assertEquals("\\x80", PathBytes.escape(raw(0x80)));
        assertEquals("\\xed\\xa0\\x80", PathBytes.escape(raw(0xed, 0xa0, 0x80)));
        assertEquals("\\xf4\\x90\\x80\\x80", PathBytes.escape(raw(0xf4, 0x90, 0x80, 0x80)));
        assertEquals("\\xe2\\x82", PathBytes.escape(raw(0xe2, 0x82)));
        assertEquals("a\\xe9b", PathBytes.escape(raw('a', 0xe9, 'b'))); // Latin-1 é
    }

    @Test
    void unescapeRejectsBrokenEscapes() {
        assertThrows(IllegalArgumentException.class, () -> PathBytes.unescape("abc\\"));
        assertThrows(IllegalArgumentException.class, () -> PathBytes.unescape("a\\q"));
        assertThrows(IllegalArgumentException.class, () -> PathBytes.unescape("a\\x4"));
        assertThrows(IllegalArgumentException.class, () -> PathBytes.unescape("a\\x"));
        assertArrayEquals(raw(0x41), PathBytes.unescape("\\x41"));
        assertArrayEquals(raw(0xAB), PathBytes.unescape("\\xAB"));
    }

    @Test
    void join() {
        assertEquals("/a", new String(PathBytes.join(b("/"), b("a")), StandardCharsets.UTF_8));
        assertEquals("/a/b", new String(PathBytes.join(b("/a"), b("b")), StandardCharsets.UTF_8));
        assertEquals("/a/b", new String(PathBytes.join(b("/a/"), b("b")), StandardCharsets.UTF_8));
        assertEquals("/b", new String(PathBytes.join(new byte[0], b("b")), StandardCharsets.UTF_8));
        assertArrayEquals(raw('/', 'd', '/', 0xff), PathBytes.join(b("/d"), raw(0xff)));
    }

    @Test
    void parent() {
        assertArrayEquals(b("/"), PathBytes.parent(b("/")));
        assertArrayEquals(b("/"), PathBytes.parent(b("/a")));
        assertArrayEquals(b("/a"), PathBytes.parent(b("/a/b")));
        assertArrayEquals(b("/a/b"), PathBytes.parent(b("/a/b/c")));
        assertArrayEquals(new byte[0], PathBytes.parent(b("a")));
        assertArrayEquals(b("a"), PathBytes.parent(b("a/b")));
        assertArrayEquals(new byte[0], PathBytes.parent(new byte[0]));
    }

    @Test
    void fileName() {
        assertArrayEquals(new byte[0], PathBytes.fileName(b("/")));
        assertArrayEquals(b("a"), PathBytes.fileName(b("/a")));
        assertArrayEquals(b("c.txt"), PathBytes.fileName(b("/a/b/c.txt")));
        assertArrayEquals(b("plain"), PathBytes.fileName(b("plain")));
        assertArrayEquals(raw(0xfe, 0xff), PathBytes.fileName(raw('/', 'x', '/', 0xfe, 0xff)));
    }

    @Test
    void relative() {
        assertArrayEquals(new byte[0], PathBytes.relative(b("/")));
        assertArrayEquals(b("etc/passwd"), PathBytes.relative(b("/etc/passwd")));
        assertArrayEquals(b("etc"), PathBytes.relative(b("//etc")));
        assertArrayEquals(b("etc"), PathBytes.relative(b("etc")));
    }

    @Test
    void isAtOrBelow() {
        assertTrue(PathBytes.isAtOrBelow(b("/a"), b("/a")));
        assertTrue(PathBytes.isAtOrBelow(b("/a/b"), b("/a")));
        assertFalse(PathBytes.isAtOrBelow(b("/ab"), b("/a")), "/ab is a sibling of /a, not below it");
        assertFalse(PathBytes.isAtOrBelow(b("/a"), b("/a/b")));
        assertFalse(PathBytes.isAtOrBelow(b("/"), b("/a")));
        assertTrue(PathBytes.isAtOrBelow(b("/"), b("/")));
        assertTrue(PathBytes.isAtOrBelow(b("/a"), b("/")));
        assertTrue(PathBytes.isAtOrBelow(b("/ab/c"), b("/")));
        assertFalse(PathBytes.isAtOrBelow(b("relative"), b("/")));
        assertFalse(PathBytes.isAtOrBelow(b("/a.b"), b("/a")));
    }

    @Test
    void startsWithIsBytewise() {
        assertTrue(PathBytes.startsWith(b("/ab"), b("/a")));
        assertFalse(PathBytes.startsWith(b("/a"), b("/ab")));
        assertTrue(PathBytes.startsWith(raw(0xff, 1), raw(0xff)));
    }

    @Test
    void displayNeverBreaksALine() {
        String d = PathBytes.display(raw('/', 'a', '\n', 0x1b, '[', '2', 'J'));
        assertEquals("/a\\n\\x1b[2J", d);
    }
}
