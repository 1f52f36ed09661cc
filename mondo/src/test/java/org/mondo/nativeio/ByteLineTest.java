package org.mondo.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class ByteLineTest {
    @Test
    void numbersAsJavaPrintsThem() {
        long[] values = {0, 7, 9, 10, 99, 100, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_700_000_000L};
        for (long v : values) assertEquals(Long.toString(v), new ByteLine(1).decimal(v).toString());
        for (int v : new int[] {0, 1, -1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(Integer.toUnsignedString(v), new ByteLine(1).unsignedDecimal(v).toString());
        }
        assertEquals("0000", new ByteLine(1).padded(0, 8, 4).toString());
        assertEquals("4755", new ByteLine(1).padded(04755, 8, 4).toString());
        assertEquals("177777", new ByteLine(1).padded(0177777, 8, 4).toString());
        assertEquals("000000123", new ByteLine(1).padded(123, 10, 9).toString());
        assertEquals("999999999", new ByteLine(1).padded(999_999_999, 10, 9).toString());
    }

    @Test
    void growsAndWritesWhatItHolds() throws IOException {
        ByteLine l = new ByteLine(1);
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            l.ascii("n=").decimal(i).ascii(' ').hexByte(i).ascii('\n');
            want.append("n=").append(i).append(' ').append(String.format("%02x", i & 0xff)).append('\n');
        }
        l.hex(new byte[] {0, (byte) 0xab, 0x7f}).utf8("é").bytes(new byte[] {'x', 'y', 'z'}, 1, 3);
        want.append("00ab7féyz");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        l.writeTo(out);
        assertEquals(want.toString(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
        l.clear();
        assertEquals(0, l.size());
    }

    @Test
    void escapingIntoBytesGrowsPastEveryExpansion() {
        byte[] worst = new byte[3000];
        for (int i = 0; i < worst.length; i++) worst[i] = (byte) (i % 3 == 0 ? '\\' : i % 3 == 1 ? 0x01 : 0xff);
        ByteLine l = new ByteLine(1);
        PathBytes.escapeTo(worst, l);
        assertEquals(1000 * (2 + 4 + 4), l.size());
        assertEquals(PathBytes.escape(worst), l.toString());
    }
}
