package org.mondo.mindi.bootenv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Writes a {@link RootTree} as a cpio "newc" archive (Commons Compress), the format the kernel
 * unpacks as an initramfs and busybox cpio extracts; gzip-compressed for an initramfs (every
 * kernel reads gzip), plain for the stage-2 archive on the medium (reading is the slow part).
 */
public final class CpioTreeWriter {
    private CpioTreeWriter() {}

    public static long write(RootTree tree, Path out, boolean gzip) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
             OutputStream body = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(body, CpioConstants.FORMAT_NEW)) {
            long ino = 1;
            for (RootTree.Node n : tree.nodes()) {
                String name = n.path().substring(1);
                CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name);
                e.setInode(ino++);
                e.setNumberOfLinks(1);
                e.setTime(0);
                switch (n) {
                    case RootTree.Dir d -> {
                        e.setMode(CpioConstants.C_ISDIR | d.mode());
                        e.setNumberOfLinks(2);
                        cpio.putArchiveEntry(e);
                    }
                    case RootTree.Link l -> {
                        byte[] t = l.target().getBytes(StandardCharsets.UTF_8);
                        e.setMode(CpioConstants.C_ISLNK | 0777);
                        e.setSize(t.length);
                        cpio.putArchiveEntry(e);
                        cpio.write(t);
                    }
                    case RootTree.Bytes b -> {
                        e.setMode(CpioConstants.C_ISREG | b.mode());
                        e.setSize(b.data().length);
                        cpio.putArchiveEntry(e);
                        cpio.write(b.data());
                    }
                    case RootTree.HostFile f -> {
                        e.setMode(CpioConstants.C_ISREG | f.mode());
                        e.setSize(Files.size(f.source()));
                        cpio.putArchiveEntry(e);
                        try (InputStream in = Files.newInputStream(f.source())) {
                            in.transferTo(cpio);
                        }
                    }
                }
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
        return Files.size(out);
    }
}
