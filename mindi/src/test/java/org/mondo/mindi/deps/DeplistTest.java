package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mondo.log.UserError;

class DeplistTest {
    @TempDir
    Path tmp;

    @Test
    void parsesOneEntryALine() throws Exception {
        Deplist d = Deplist.parse("""
                # tools
                sfdisk
                  sgdisk?   # only when present

                /etc/lvm/lvm.conf?
                mkfs.*
                """, "t.conf");
        assertEquals(List.of(new Deplist.Entry("sfdisk", false, "t.conf:2"), new Deplist.Entry("sgdisk", true, "t.conf:3"),
                new Deplist.Entry("/etc/lvm/lvm.conf", true, "t.conf:5"), new Deplist.Entry("mkfs.*", false, "t.conf:6")),
                d.entries());
        UserError two = assertThrows(UserError.class, () -> Deplist.parse("a\nmkfs xfs\n", "x.conf"));
        assertTrue(two.getMessage().startsWith("x.conf:2: one program"), two.getMessage());
        assertThrows(UserError.class, () -> Deplist.parse("sbin/lvm\n", "x.conf"));
        assertThrows(UserError.class, () -> Deplist.parse("?\n", "x.conf"));
    }

    @Test
    void defaultListNamesTheRestoreTools() throws Exception {
        List<Deplist.Entry> e = Deplist.defaults().entries();
        Set<String> required = new HashSet<>(), optional = new HashSet<>();
        for (Deplist.Entry x : e) (x.optional() ? optional : required).add(x.spec());
        assertTrue(required.containsAll(List.of("sfdisk", "wipefs", "blkid", "mke2fs", "mkfs.ext4", "e2fsck", "mkswap", "mount",
                "umount", "losetup", "kmod", "modprobe", "insmod", "chroot")), required.toString());
        assertTrue(optional.containsAll(List.of("sgdisk", "mdadm", "lvm", "grub-install", "efibootmgr", "mkfs.xfs",
                "xfs_repair", "mkfs.btrfs", "/usr/lib/grub/i386-pc", "/usr/lib/grub/x86_64-efi", "/etc/lvm/lvm.conf",
                "xorriso", "zstd")), optional.toString());
        assertTrue(e.stream().allMatch(x -> x.origin().startsWith("deplist.conf:")));
    }

    @Test
    void extraListsFromADirectoryAndAnOption() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("deplist.d"));
        Files.writeString(dir.resolve("20-b.conf"), "b\n");
        Files.writeString(dir.resolve("10-a.conf"), "# a\na?\n");
        Files.writeString(dir.resolve("README"), "not a list\n");
        Deplist d = Deplist.parse("x\n", "base").plusDirectory(dir).plusEntries(List.of("c", " ", "/opt/d?"), "option");
        assertEquals(List.of(new Deplist.Entry("x", false, "base:1"), new Deplist.Entry("a", true, dir.resolve("10-a.conf") + ":2"),
                new Deplist.Entry("b", false, dir.resolve("20-b.conf") + ":1"), new Deplist.Entry("c", false, "option"),
                new Deplist.Entry("/opt/d", true, "option")), d.entries());
        assertEquals(d.entries(), d.plusDirectory(tmp.resolve("none")).entries());
    }

    /** A made-up PATH: names, links, other names, scripts, globs, directories, and what is missing. */
    @Test
    void resolvesAgainstAPath() throws Exception {
        Path t = tmp.toRealPath();
        Path sbin = Files.createDirectories(t.resolve("sbin")), bin = Files.createDirectories(t.resolve("bin"));
        Path tool = exe(new ElfFixture().write(bin.resolve("tool")));
        Files.createSymbolicLink(sbin.resolve("tool.alias"), Path.of("../bin/tool"));
        Files.createSymbolicLink(bin.resolve("tool-too"), Path.of("tool"));
        Path sh = exe(new ElfFixture().write(bin.resolve("sh")));
        Path script = exe(Files.writeString(sbin.resolve("script"), "#!" + sh + " -e\necho hi\n"));
        Path mkA = exe(new ElfFixture().write(sbin.resolve("mk.a")));
        Path mkB = exe(new ElfFixture().write(bin.resolve("mk.b")));
        Files.writeString(sbin.resolve("mk.notexec"), "");
        Path data = Files.createDirectories(t.resolve("share/data/sub"));
        Files.writeString(data.resolve("f"), "f");
        Path conf = Files.writeString(t.resolve("etc.conf"), "c");

        Deplist d = Deplist.parse(String.join("\n", "tool.alias", "script", "mk.*", t + "/share/data", conf.toString(),
                "absent?", t + "/nothing*?", ""), "test");
        Deplist.Result r = d.resolve(List.of(sbin, bin), new LibraryResolver(LdSoCache.empty(), List.of(t.resolve("lib"))));
        assertEquals(List.of(sbin.resolve("tool.alias"), tool, bin.resolve("tool-too"), script, sh, mkA, mkB, t.resolve("share/data"),
                data, data.resolve("f"), conf), r.files().paths());
        assertEquals(List.of("absent", t + "/nothing*"), r.absent().stream().map(Deplist.Entry::spec).toList());

        Deplist bad = Deplist.parse("tool\nnosuch\nmk.notexec\nmk.*\n", "test");
        UserError e = assertThrows(UserError.class, () -> bad.resolve(List.of(sbin, bin), LibraryResolver.system()));
        assertTrue(e.getMessage().contains("nosuch (test:2), mk.notexec (test:3)"), e.getMessage());
        assertEquals(1, e.exitCode());
    }

    /** The default list on this host: the required tools are here, with their other names, interpreters and libraries. */
    @Test
    void defaultsOnThisHost() throws Exception {
        Deplist.Result r = Deplist.defaults().resolve();
        List<Path> paths = r.files().paths();
        Set<Path> files = new HashSet<>(r.files().files());
        Path sbin = Path.of("/usr/sbin");
        assertTrue(files.contains(sbin.resolve("sfdisk")) && files.contains(sbin.resolve("mke2fs")));
        assertTrue(paths.contains(sbin.resolve("mkfs.ext4")) && paths.contains(sbin.resolve("mkfs.ext3")));
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().startsWith("libext2fs.so.2")));
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("ld-linux-x86-64.so.2")));
        if (Files.exists(sbin.resolve("lvm"))) {
            assertTrue(paths.containsAll(List.of(sbin.resolve("vgcreate"), sbin.resolve("lvcreate"), sbin.resolve("pvscan"))));
        }
        if (Files.exists(sbin.resolve("xfs_admin"))) { // a shell script: /bin/sh comes along
            assertTrue(paths.contains(sbin.resolve("xfs_admin")));
            assertTrue(files.contains(Path.of("/bin/sh").toRealPath()));
        }
        if (Files.isDirectory(Path.of("/usr/lib/grub/x86_64-efi"))) {
            assertTrue(files.contains(Path.of("/usr/lib/grub/x86_64-efi/normal.mod").toRealPath()));
        }
        for (Deplist.Entry e : r.absent()) {
            assertTrue(e.optional());
            assertFalse(e.spec().startsWith("/") && !e.spec().contains("*") && Files.exists(Path.of(e.spec())), e.toString());
        }
        // ldd (only as the cross-check) finds nothing for the programs that we do not have.
        assumeTrue(Host.has("ldd"));
        List<String> problems = new ArrayList<>();
        Set<String> ours = new HashSet<>();
        for (Path f : files) ours.add(f.toString());
        for (Path f : r.files().files()) {
            if (!(f.startsWith("/usr/sbin") || f.startsWith("/usr/bin")) || !ElfFile.isElf(f)) continue;
            for (String lib : Host.ldd(f)) if (!ours.contains(lib)) problems.add(f + " needs " + lib);
        }
        assertEquals(List.of(), problems);
    }

    private static Path exe(Path p) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
