package org.mondo.mindi.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The kernel's and fstab's escapes: a backslash and three octal digits ("\040" for a space). */
final class Octal {
    private Octal() {}

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && octal(in, i + 1)) {
                out.write((in[i + 1] - '0') << 6 | (in[i + 2] - '0') << 3 | (in[i + 3] - '0'));
                i += 3;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean octal(byte[] b, int from) {
        if (from + 3 > b.length) return false;
        for (int i = from; i < from + 3; i++) {
            if (b[i] < '0' || b[i] > '7') return false;
        }
        return true;
    }
}
