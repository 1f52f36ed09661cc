package org.mondo.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordLineTest {

    @Test
    void anyValueRoundTrips() throws LayoutFormatException {
        String[] values = {"plain", "with space", "quote\"inside", "back\\slash", "\"starts with quote", "tab\there",
            "new\nline", "cr\rx", "bell\u0007", "del\u007f", "é ü 中", "a=b=c", "#hash", "\\x41 literal"};
        for (String v : values) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("k", v);
            f.put("after", "1");
            RecordLine r = RecordLine.parse(RecordLine.format("rec", f), 1);
            assertEquals(v, r.str("k"), v);
            assertEquals("1", r.str("after"));
        }
    }

    @Test
    void emptyValuesAreLeftOut() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("a", "");
        f.put("b", null);
        f.put("c", "x");
        assertEquals("rec c=x", RecordLine.format("rec", f));
    }

    @Test
    void bareValuesAreLiteral() throws LayoutFormatException {
        assertEquals("File(\\EFI\\x)", RecordLine.parse("efientry path=File(\\EFI\\x)", 1).str("path"));
        assertEquals("A", RecordLine.parse("r k=\"\\x41\"", 1).str("k"));
    }
}
