package org.mondo.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.nativeio.Libc;

class PosixAclTest {
    /** getfattr -e hex of "setfacl -m u:1234:rwx,g:55:rw-,u:7:r-x,m::r--" on a 0644 file. */
    private static final String EFF_HEX = "0200000001000600ffffffff020005000700000002000700d204000004000400ffffffff"
            + "080006003700000010000400ffffffff20000400ffffffff";

    @TempDir
    Path tmp;

    @Test
    void decodesKernelBytesToGetfaclText() {
        PosixAcl acl = PosixAcl.fromXattr(HexFormat.of().parseHex(EFF_HEX));
        assertEquals("""
                user::rw-
                user:7:r-x\t#effective:r--
                user:1234:rwx\t#effective:r--
                group::r--
                group:55:rw-\t#effective:r--
                mask::r--
                other::r--
                """, acl.toText(""));
        assertTrue(acl.isExtended());
        assertArrayEquals(HexFormat.of().parseHex(EFF_HEX), acl.toXattr());
        assertEquals(acl, PosixAcl.fromText(acl.toText(""), false));
        assertEquals(acl, PosixAcl.fromText("default:" + acl.toText("default:").substring(8), true));
    }

    @Test
    void textEntriesAreSortedIntoKernelOrder() {
        PosixAcl acl = PosixAcl.fromText("o::r,m::rwx,g:4000000000:r-x,u:10:rw,g::r,u::rwx,u:2:x", false);
        assertEquals("user::rwx,user:2:--x,user:10:rw-,group::r--,group:4000000000:r-x,mask::rwx,other::r--",
                acl.toString());
        assertEquals(acl, PosixAcl.fromXattr(acl.toXattr()));
    }

    @Test
    void minimalAclFromModeIsNotExtended() {
        PosixAcl acl = PosixAcl.fromMode(040751);
        assertEquals("user::rwx\ngroup::r-x\nother::--x\n", acl.toText(""));
        assertFalse(acl.isExtended());
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromXattr(new byte[] {2, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromXattr(new byte[] {1, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("user:alice:rwx", false));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("user::rwz", false));
        assertThrows(IllegalArgumentException.class, () -> PosixAcl.fromText("mask:5:rwx", false));
    }

    /** What the kernel stores after setfacl, against what getfacl prints for it, both ways. */
    @Test
    void matchesRealSetfaclAndGetfacl() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        run("setfacl", "-m", "u:1234:rwx,u:99:r--,g:55:r-x,m::r-x,o::---", dir.toString());
        run("setfacl", "-d", "-m", "u:4294967294:rw-,g::rwx,g:7:-w-,m::rw-", dir.toString());
        byte[] path = dir.toString().getBytes(StandardCharsets.UTF_8);

        for (boolean isDefault : new boolean[] {false, true}) {
            byte[] raw = Libc.getXattr(path, (isDefault ? Xattr.ACL_DEFAULT : Xattr.ACL_ACCESS).getBytes());
            assertNotNull(raw);
            String getfacl = run("getfacl", "--omit-header", "--numeric", isDefault ? "--default" : "--access",
                    dir.toString()).strip() + "\n";
            PosixAcl acl = PosixAcl.fromXattr(raw);
            assertEquals(getfacl, acl.toText(""), isDefault ? "default ACL" : "access ACL");
            assertArrayEquals(raw, PosixAcl.fromText(getfacl, false).toXattr());
        }
        PosixAcl access = PosixAcl.fromXattr(Libc.getXattr(path, Xattr.ACL_ACCESS.getBytes()));
        assertEquals(new PosixAcl.Entry(PosixAcl.USER, 7, 1234), access.entries().get(2));
        PosixAcl dflt = PosixAcl.fromXattr(Libc.getXattr(path, Xattr.ACL_DEFAULT.getBytes()));
        assertEquals("4294967294", Integer.toUnsignedString(dflt.entries().get(1).id()));
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        return out;
    }
}
