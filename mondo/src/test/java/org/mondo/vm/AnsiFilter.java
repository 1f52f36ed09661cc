package org.mondo.vm;

/**
 * Removes terminal escape sequences (CSI, OSC, two- and three-byte ESC sequences), carriage returns and other
 * control characters from console text that arrives in arbitrary pieces. A cursor-position sequence
 * ({@code ESC[row;colH}) becomes a newline so that words drawn at separate places of a menu stay apart.
 */
final class AnsiFilter {
    private enum State { TEXT, ESC, ESC_INTERMEDIATE, CSI, OSC, OSC_ESC }

    private State state = State.TEXT;

    /** Appends the printable part of {@code in} to {@code out}, keeping state across calls. */
    void filter(CharSequence in, StringBuilder out) {
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            switch (state) {
                case TEXT -> {
                    if (c == 0x1b) {
                        state = State.ESC;
                    } else if (c == 0x9b) {
                        state = State.CSI;
                    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) {
                        out.append(c);
                    }
                }
                case ESC -> {
                    if (c == '[') {
                        state = State.CSI;
                    } else if (c == ']' || c == 'P' || c == '_' || c == '^') {
                        state = State.OSC;
                    } else if (c >= 0x20 && c <= 0x2f) {
                        state = State.ESC_INTERMEDIATE;
                    } else {
                        state = State.TEXT;
                    }
                }
                case ESC_INTERMEDIATE -> {
                    if (c < 0x20 || c > 0x2f) {
                        state = State.TEXT;
                    }
                }
                case CSI -> {
                    if (c >= 0x40 && c <= 0x7e) {
                        if (c == 'H' || c == 'f') {
                            out.append('\n');
                        }
                        state = State.TEXT;
                    } else if (c < 0x20 || c > 0x3f) {
                        state = c == 0x1b ? State.ESC : State.TEXT;
                    }
                }
                case OSC -> {
                    if (c == 0x07) {
                        state = State.TEXT;
                    } else if (c == 0x1b) {
                        state = State.OSC_ESC;
                    }
                }
                case OSC_ESC -> state = c == '\\' ? State.TEXT : State.OSC;
            }
        }
    }

    static String strip(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        new AnsiFilter().filter(s, out);
        return out.toString();
    }
}
