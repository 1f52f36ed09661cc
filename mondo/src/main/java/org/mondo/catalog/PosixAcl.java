package org.mondo.catalog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A POSIX ACL as the kernel stores it in {@code system.posix_acl_access} / {@code system.posix_acl_default}
 * (little-endian u32 version 2, then per entry u16 tag, u16 perm, u32 id), and as getfacl prints it
 * with {@code --numeric}. Ids stay numeric on purpose: a rescue system has no copy of /etc/passwd.
 */
public final class PosixAcl {
    public static final int USER_OBJ = 0x01;
    public static final int USER = 0x02;
    public static final int GROUP_OBJ = 0x04;
    public static final int GROUP = 0x08;
    public static final int MASK = 0x10;
    public static final int OTHER = 0x20;

    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int EXECUTE = 1;

    /** The id of entries that have no qualifier (ACL_UNDEFINED_ID). */
    public static final int UNDEFINED_ID = -1;

    private static final int VERSION = 2;

    /** One entry; id is meaningful for USER and GROUP only and is UNDEFINED_ID elsewhere. */
    public record Entry(int tag, int perm, int id) {
        public Entry {
            if (tag != USER_OBJ && tag != USER && tag != GROUP_OBJ && tag != GROUP && tag != MASK && tag != OTHER) {
                throw new IllegalArgumentException("unknown ACL tag 0x" + Integer.toHexString(tag));
            }
            if ((perm & ~7) != 0) throw new IllegalArgumentException("bad ACL permissions " + perm);
            if (!qualified(tag)) id = UNDEFINED_ID;
        }

        public boolean qualified() {
            return qualified(tag);
        }

        private static boolean qualified(int tag) {
            return tag == USER || tag == GROUP;
        }
    }

    /** The order the kernel insists on (posix_acl_valid): by tag, named entries by ascending id. */
    private static final Comparator<Entry> CANONICAL = Comparator.comparingInt(Entry::tag)
            .thenComparing(Entry::id, Integer::compareUnsigned);

    private final List<Entry> entries;

    public PosixAcl(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(CANONICAL);
        this.entries = List.copyOf(sorted);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** More than user::, group::, other:: — an ACL that mode bits alone cannot express. */
    public boolean isExtended() {
        return entries.stream().anyMatch(e -> e.tag() == USER || e.tag() == GROUP || e.tag() == MASK);
    }

    /** The minimal ACL that is equivalent to the permission bits of a mode (what getfacl shows without one). */
    public static PosixAcl fromMode(int mode) {
        return new PosixAcl(List.of(
                new Entry(USER_OBJ, (mode >> 6) & 7, UNDEFINED_ID),
                new Entry(GROUP_OBJ, (mode >> 3) & 7, UNDEFINED_ID),
                new Entry(OTHER, mode & 7, UNDEFINED_ID)));
    }

    // ---------------------------------------------------------------- binary xattr form

    public static PosixAcl fromXattr(byte[] value) {
        if (value.length < 4 || (value.length - 4) % 8 != 0) {
            throw new IllegalArgumentException("ACL xattr of " + value.length + " bytes is not 4 + 8n");
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt();
        if (version != VERSION) throw new IllegalArgumentException("ACL xattr version " + version + ", not 2");
        List<Entry> list = new ArrayList<>();
        while (b.hasRemaining()) {
            int tag = Short.toUnsignedInt(b.getShort());
            int perm = Short.toUnsignedInt(b.getShort());
            list.add(new Entry(tag, perm, b.getInt()));
        }
        return new PosixAcl(list);
    }

    public byte[] toXattr() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION);
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.perm()).putInt(e.id());
        }
        return b.array();
    }

    // ---------------------------------------------------------------- getfacl text form

    /**
     * The entries as {@code getfacl --numeric} prints them, one line each ending in LF, every line starting
     * with prefix ("" or "default:"). Like getfacl, entries the mask restricts get a tab and
     * "#effective:r--" comment; setfacl --restore reads those as comments.
     */
    public String toText(String prefix) {
        int mask = entries.stream().filter(e -> e.tag() == MASK).mapToInt(Entry::perm).findFirst().orElse(-1);
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(prefix).append(tagWord(e.tag())).append(':');
            if (e.qualified()) sb.append(Integer.toUnsignedString(e.id()));
            sb.append(':').append(perms(e.perm()));
            boolean masked = e.tag() == USER || e.tag() == GROUP_OBJ || e.tag() == GROUP;
            if (mask >= 0 && masked && (e.perm() & ~mask) != 0) {
                sb.append("\t#effective:").append(perms(e.perm() & mask));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Parses getfacl/setfacl text: entries separated by newlines or commas, "#" comments and blank lines
     * ignored. Only the entries with (defaults true) or without (false) the "default:" prefix are taken,
     * so one getfacl block yields both of a directory's ACLs. Qualifiers must be numeric ids.
     */
    public static PosixAcl fromText(String text, boolean defaults) {
        List<Entry> list = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String content = hash < 0 ? line : line.substring(0, hash);
            for (String item : content.split(",")) {
                String s = item.strip();
                if (s.isEmpty()) continue;
                boolean isDefault = false;
                for (String p : new String[] {"default:", "d:"}) {
                    if (s.startsWith(p)) {
                        isDefault = true;
                        s = s.substring(p.length());
                        break;
                    }
                }
                if (isDefault == defaults) list.add(parseEntry(s));
            }
        }
        return new PosixAcl(list);
    }

    private static Entry parseEntry(String s) {
        String[] f = s.split(":", -1);
        if (f.length != 3) throw new IllegalArgumentException("not tag:qualifier:perms: " + s);
        String q = f[1].strip();
        int tag = switch (f[0].strip().toLowerCase(Locale.ROOT)) {
            case "user", "u" -> q.isEmpty() ? USER_OBJ : USER;
            case "group", "g" -> q.isEmpty() ? GROUP_OBJ : GROUP;
            case "mask", "m" -> MASK;
            case "other", "o" -> OTHER;
            default -> throw new IllegalArgumentException("unknown ACL tag in " + s);
        };
        int id = UNDEFINED_ID;
        if (tag == USER || tag == GROUP) {
            try {
                id = Integer.parseUnsignedInt(q);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("qualifier is not a numeric id: " + s, e);
            }
        } else if (!q.isEmpty()) {
            throw new IllegalArgumentException("unexpected qualifier in " + s);
        }
        int perm = 0;
        for (char c : f[2].strip().toCharArray()) {
            perm |= switch (c) {
                case 'r' -> READ;
                case 'w' -> WRITE;
                case 'x' -> EXECUTE;
                case '-' -> 0;
                default -> throw new IllegalArgumentException("bad permission '" + c + "' in " + s);
            };
        }
        return new Entry(tag, perm, id);
    }

    private static String tagWord(int tag) {
        return switch (tag) {
            case USER_OBJ, USER -> "user";
            case GROUP_OBJ, GROUP -> "group";
            case MASK -> "mask";
            default -> "other";
        };
    }

    static String perms(int p) {
        return ((p & READ) != 0 ? "r" : "-") + ((p & WRITE) != 0 ? "w" : "-") + ((p & EXECUTE) != 0 ? "x" : "-");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PosixAcl a && entries.equals(a.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return toText("").strip().replace('\n', ',');
    }
}
