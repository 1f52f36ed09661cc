package org.mondo.restore.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mondo.compare.LiveFile;
import org.mondo.nativeio.FileStat;
import org.mondo.nativeio.Libc;
import org.mondo.nativeio.PathBytes;

/**
 * Everything a faithful restore must keep, read from a tree for comparison: names come from
 * `find -print0` (raw bytes, independent of the code under test), metadata from lstat/xattr calls.
 */
final class TreeSnapshot {
    record Item(String type, int mode, int uid, int gid, long mtimeSec, int mtimeNsec, long size, String sha256,
                String link, String rdev, String xattrs, String linkGroup) {}

    final Map<String, Item> items = new TreeMap<>();
    final Map<String, Long> blocks = new TreeMap<>();

    static TreeSnapshot of(byte[] root) throws Exception {
        TreeSnapshot s = new TreeSnapshot();
        Process p = new ProcessBuilder("find", ".", "-print0").directory(new java.io.File(new String(root))).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (p.waitFor() != 0) throw new IOException("find failed");
        Map<String, String> firstPathOfInode = new TreeMap<>();
        List<byte[]> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                names.add(Arrays.copyOfRange(out, start, i));
                start = i + 1;
            }
        }
        names.sort(Arrays::compareUnsigned);
        for (byte[] rel : names) {
            byte[] full = rel.length == 1 ? root : PathBytes.join(root, Arrays.copyOfRange(rel, 2, rel.length));
            String key = PathBytes.escape(rel);
            FileStat st = Libc.lstat(full);
            String sha = "-";
            String link = "-";
            String rdev = "-";
            String group = "-";
            if (st.isRegular()) {
                sha = HexFormat.of().formatHex(LiveFile.sha256(full).sha256());
                if (st.nlink() > 1) {
                    String inode = st.dev() + ":" + st.ino();
                    group = firstPathOfInode.computeIfAbsent(inode, k -> key);
                }
                s.blocks.put(key, st.blocks());
            } else if (st.isSymlink()) {
                link = PathBytes.escape(Libc.readlink(full));
            }
            if (st.type() == org.mondo.nativeio.FileType.CHAR_DEVICE || st.type() == org.mondo.nativeio.FileType.BLOCK_DEVICE) {
                rdev = st.rdevMajor() + "," + st.rdevMinor();
            }
            // Directory mtimes are compared too: the restore sets them last.
            s.items.put(key, new Item(String.valueOf(st.type().letter), st.permissions(), st.uid(), st.gid(),
                    st.mtimeSec(), st.mtimeNsec(), st.isRegular() ? st.size() : 0, sha, link, rdev, xattrs(full), group));
        }
        return s;
    }

    private static String xattrs(byte[] path) throws Exception {
        List<byte[]> names = new ArrayList<>(Libc.listXattrs(path));
        names.sort(Arrays::compareUnsigned);
        StringBuilder sb = new StringBuilder();
        for (byte[] n : names) {
            byte[] v = Libc.getXattr(path, n);
            sb.append(PathBytes.escape(n)).append('=').append(v == null ? "" : HexFormat.of().formatHex(v)).append(';');
        }
        return sb.toString();
    }

    /** Human-readable differences, empty when both trees are the same. */
    static List<String> diff(TreeSnapshot a, TreeSnapshot b) {
        List<String> out = new ArrayList<>();
        for (var e : a.items.entrySet()) {
            Item other = b.items.get(e.getKey());
            if (other == null) out.add("missing: " + e.getKey());
            else if (!other.equals(e.getValue())) out.add("differs: " + e.getKey() + "\n  was " + e.getValue() + "\n  now " + other);
        }
        for (String k : b.items.keySet()) if (!a.items.containsKey(k)) out.add("extra: " + k);
        return out;
    }
}
