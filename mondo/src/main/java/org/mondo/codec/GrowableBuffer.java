package org.mondo.codec;

import java.io.OutputStream;
import java.util.Arrays;

/** A byte buffer that grows as needed and is reused between files, to keep the heap quiet. */
public final class GrowableBuffer extends OutputStream {
    private byte[] data;
    private int size;

    public GrowableBuffer(int initial) {
        data = new byte[Math.max(16, initial)];
    }

    public byte[] array() {
        return data;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public void setSize(int n) {
        ensure(n);
        size = n;
    }

    public void ensure(int capacity) {
        if (capacity > data.length) {
            data = Arrays.copyOf(data, Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 16, data.length * 2L)));
        }
    }

    @Override
    public void write(int b) {
        ensure(size + 1);
        data[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }
}
