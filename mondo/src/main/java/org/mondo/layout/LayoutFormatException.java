package org.mondo.layout;

import java.io.IOException;

/** A layout or mountlist text that cannot be read; the message names the line and what is wrong. */
public final class LayoutFormatException extends IOException {
    public LayoutFormatException(String message) {
        super(message);
    }
}
