package org.mondo.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mondo.catalog.AclDump;
import org.mondo.catalog.Entry;
import org.mondo.catalog.Xattr;
import org.mondo.catalog.XattrDump;
import org.mondo.nativeio.PathBytes;
import org.mondo.sets.Piece.NamedFile;
import org.mondo.sets.SideFiles;

/**
 * Beside each set, its files' xattrs and ACLs as text that `setfattr --restore` and
 * `setfacl --restore` apply by hand (MondoRescue's xattr_list.N / acl_list.N). Written only when
 * some file of the set has any.
 */
final class AttributeDumps implements SideFiles {
    @Override
    public List<NamedFile> write(int set, List<Entry> entries, Path dir) throws IOException {
        List<NamedFile> out = new ArrayList<>(2);
        String base = String.format("set-%05d", set);
        Path xattrFile = dir.resolve(base + ".xattr");
        Path aclFile = dir.resolve(base + ".acl");
        boolean anyX = false;
        boolean anyA = false;
        try (OutputStream xo = new BufferedOutputStream(Files.newOutputStream(xattrFile));
             OutputStream ao = new BufferedOutputStream(Files.newOutputStream(aclFile))) {
            XattrDump xd = new XattrDump(xo);
            AclDump ad = new AclDump(ao);
            for (Entry e : entries) {
                if (e.xattrs.isEmpty() || e.hardLink) continue;
                byte[] rel = PathBytes.relative(e.path);
                anyX |= xd.add(rel, e.xattrs);
                byte[] access = value(e, Xattr.ACL_ACCESS);
                byte[] dflt = value(e, Xattr.ACL_DEFAULT);
                if (access != null || dflt != null) anyA |= ad.add(rel, e.mode, e.uid, e.gid, access, dflt);
            }
        }
        keepOrDrop(out, anyX, base + ".xattr", xattrFile);
        keepOrDrop(out, anyA, base + ".acl", aclFile);
        return out;
    }

    private static void keepOrDrop(List<NamedFile> out, boolean keep, String name, Path file) throws IOException {
        if (keep) out.add(new NamedFile(name, file, Files.size(file)));
        else Files.delete(file);
    }

    private static byte[] value(Entry e, String name) {
        for (Xattr x : e.xattrs) {
            if (x.nameString().equals(name)) return x.value();
        }
        return null;
    }
}
