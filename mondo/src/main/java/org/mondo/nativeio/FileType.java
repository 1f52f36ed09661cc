package org.mondo.nativeio;

/** File types as st_mode encodes them; the letter is what the catalog writes. */
public enum FileType {
    REGULAR('f', 0100000),
    DIRECTORY('d', 0040000),
    SYMLINK('l', 0120000),
    CHAR_DEVICE('c', 0020000),
    BLOCK_DEVICE('b', 0060000),
    FIFO('p', 0010000),
    SOCKET('s', 0140000);

    public static final int S_IFMT = 0170000;

    public final char letter;
    public final int modeBits;

    FileType(char letter, int modeBits) {
        this.letter = letter;
        this.modeBits = modeBits;
    }

    public static FileType ofMode(int mode) {
        int t = mode & S_IFMT;
        for (FileType ft : values()) {
            if (ft.modeBits == t) return ft;
        }
        throw new IllegalArgumentException("unknown file type in mode 0" + Integer.toOctalString(mode));
    }

    public static FileType ofLetter(char c) {
        for (FileType ft : values()) {
            if (ft.letter == c) return ft;
        }
        throw new IllegalArgumentException("unknown file type letter '" + c + "'");
    }
}
