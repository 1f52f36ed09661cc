package org.mondo.mindi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.mondo.archive.Version;
import org.mondo.log.Main;
import org.mondo.log.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * mindi: finds what a restore needs from this machine and builds the boot environment. This
 * release finds the kernel; the mountlist, layout and boot media come next (docs/architecture.md).
 */
@Command(name = "mindi", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Builds the boot environment of a Mondo backup.")
public final class Mindi implements Callable<Integer> {
    @Option(names = "--findkernel", description = "Print the running kernel's image; exit 1 when there is none.")
    boolean findKernel;

    @Option(names = "--makemountlist", paramLabel = "FILE", description = "Write the mountlist (not supported yet).")
    Path mountlist;

    public static void main(String[] args) {
        System.exit(Main.run("mindi", () -> {
            Mindi m = new Mindi();
            CommandLine cl = new CommandLine(m);
            CommandLine.ParseResult pr;
            try {
                pr = cl.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new UserError(e.getMessage() + " (see mindi --help)");
            }
            if (CommandLine.printHelpIfRequested(pr)) return 0;
            return m.call();
        }));
    }

    @Override
    public Integer call() throws Exception {
        if (findKernel) {
            Path k = KernelFinder.running();
            if (k == null) {
                System.err.println("mindi: no image of the running kernel " + KernelFinder.release()
                        + " in /boot (a container, or a VM booted without /boot)");
                return 1;
            }
            System.out.println(k);
            return 0;
        }
        if (mountlist != null) throw new UserError("--makemountlist is not supported yet", 1);
        throw new UserError("say what to do: --findkernel (see mindi --help)");
    }

    /** Where distributions keep the running kernel's image. */
    static final class KernelFinder {
        static String release() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
            } catch (java.io.IOException e) {
                return System.getProperty("os.version");
            }
        }

        static Path running() {
            String r = release();
            for (String c : List.of("/boot/vmlinuz-" + r, "/boot/vmlinux-" + r, "/boot/bzImage-" + r,
                    "/lib/modules/" + r + "/vmlinuz", "/usr/lib/modules/" + r + "/vmlinuz")) {
                Path p = Path.of(c);
                if (Files.isRegularFile(p)) return p;
            }
            return null;
        }
    }
}
