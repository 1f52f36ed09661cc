package org.mondo.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * POSIX ACLs as the text of {@code getfacl --absolute-names --numeric --skip-base}, so that a rescue shell
 * restores them by hand with {@code cd /restore/root && setfacl --restore=set-00001.acl}:
 * <pre>
 * # file: srv/share
 * # owner: 0
 * # group: 100
 * # flags: -s-
 * user::rwx
 * user:1234:rwx	#effective:r-x
 * group::r-x
 * mask::r-x
 * other::---
 * default:user::rwx
 * ...
 *
 * </pre>
 * Only files with an extended access ACL or a default ACL get a block. The owner, group and flags lines
 * matter: setfacl --restore chowns to them and sets or clears setuid/setgid/sticky to match "# flags".
 * Because chown drops security.capability, run setfacl --restore before setfattr --restore.
 * <p>
 * Path quoting is getfacl's (acl 2.3): LF and CR as {@code \ooo}, backslash as {@code \\}; other bytes raw.
 * One deliberate difference: a leading space or tab is written as {@code \040} / {@code \011}, because
 * setfacl skips whitespace after "# file:" and would miss such a file in getfacl's own output.
 */
public final class AclDump {
    /** One file: path relative (no leading slash), st_mode (or just its 07777 bits), owner, ACL xattr values. */
    public record Entry(byte[] path, int mode, int uid, int gid, byte[] accessAcl, byte[] defaultAcl) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(path, e.path) && mode == e.mode && uid == e.uid
                    && gid == e.gid && Arrays.equals(accessAcl, e.accessAcl) && Arrays.equals(defaultAcl, e.defaultAcl);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(path) * 31 + mode;
        }

        @Override
        public String toString() {
            return new String(path, StandardCharsets.UTF_8) + " mode " + Integer.toOctalString(mode);
        }
    }

    private final OutputStream out;

    public AclDump(OutputStream out) {
        this.out = out;
    }

    public static void write(OutputStream out, Iterable<Entry> entries) throws IOException {
        AclDump dump = new AclDump(out);
        for (Entry e : entries) dump.add(e.path(), e.mode(), e.uid(), e.gid(), e.accessAcl(), e.defaultAcl());
        out.flush();
    }

    /**
     * Appends one file's block, or nothing (returning false) when it has neither an extended access ACL
     * nor a non-empty default ACL. accessAcl and defaultAcl are the raw xattr values, null when absent.
     */
    public boolean add(byte[] relativePath, int mode, int uid, int gid, byte[] accessAcl, byte[] defaultAcl)
            throws IOException {
        if (relativePath.length > 0 && relativePath[0] == '/') {
            throw new IllegalArgumentException("not a relative path: " + new String(relativePath, StandardCharsets.UTF_8));
        }
        if (XattrDump.indexOf(relativePath, (byte) 0) >= 0) throw new IllegalArgumentException("NUL in path");
        PosixAcl access = accessAcl == null ? null : PosixAcl.fromXattr(accessAcl);
        PosixAcl dflt = defaultAcl == null ? null : PosixAcl.fromXattr(defaultAcl);
        if (dflt != null && dflt.isEmpty()) dflt = null; // getfacl treats an empty default ACL as none
        if ((access == null || !access.isExtended()) && dflt == null) return false;
        if (access == null || access.isEmpty()) access = PosixAcl.fromMode(mode); // as getfacl shows it

        StringBuilder text = new StringBuilder();
        text.append("# owner: ").append(Integer.toUnsignedString(uid)).append('\n');
        text.append("# group: ").append(Integer.toUnsignedString(gid)).append('\n');
        if ((mode & 07000) != 0) {
            text.append("# flags: ").append((mode & 04000) != 0 ? 's' : '-').append((mode & 02000) != 0 ? 's' : '-')
                    .append((mode & 01000) != 0 ? 't' : '-').append('\n');
        }
        text.append(access.toText(""));
        if (dflt != null) text.append(dflt.toText("default:"));
        text.append('\n');

        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(XattrDump.ascii("# file: "));
        b.writeBytes(quote(relativePath.length == 0 ? new byte[] {'.'} : relativePath));
        b.write('\n');
        b.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
        b.writeTo(out);
        return true;
    }

    /** getfacl's __acl_quote(path, "\n\r") of acl 2.3, plus escaped leading whitespace (see class comment). */
    static byte[] quote(byte[] s) {
        ByteArrayOutputStream q = new ByteArrayOutputStream(s.length + 8);
        for (int i = 0; i < s.length; i++) {
            byte c = s[i];
            if (c == '\n' || c == '\r' || (i == 0 && (c == ' ' || c == '\t'))) {
                XattrDump.octal(q, c);
            } else if (c == '\\') {
                q.write('\\');
                q.write('\\');
            } else {
                q.write(c);
            }
        }
        return q.toByteArray();
    }
}
