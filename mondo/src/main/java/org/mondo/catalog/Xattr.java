package org.mondo.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One extended attribute: name and value as raw bytes. POSIX ACLs are the
 * {@code system.posix_acl_access} and {@code system.posix_acl_default} attributes,
 * SELinux labels {@code security.selinux}, file capabilities {@code security.capability}.
 */
public record Xattr(byte[] name, byte[] value) {
    public static final String ACL_ACCESS = "system.posix_acl_access";
    public static final String ACL_DEFAULT = "system.posix_acl_default";

    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    public boolean isAcl() {
        String n = nameString();
        return n.equals(ACL_ACCESS) || n.equals(ACL_DEFAULT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && Arrays.equals(name, x.name) && Arrays.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return nameString() + "(" + value.length + " bytes)";
    }
}
