package org.mondo.nativeio;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The one downcall {@link Libc} makes for every system call: glibc's {@code long syscall(long
 * number, ...)}, six long arguments, errno captured. One downcall instead of one per libc function:
 * each FFM downcall handle spins a stub class and ~10 LambdaForms at its first use, which the AOT
 * cache does not keep (a small restore's hidden classes: 480 with a handle per function, 331 with
 * this one; zstd-jni's own FFM handles made most of the rest, see bin/mondo-launch). Pointers go in as addresses, so every segment passed must be native and alive for the call.
 * The numbers are x86_64's, the only architecture Mondo's boot media (isolinux, GRUB for x86_64)
 * support.
 */
final class Syscall {
    static final long READ = 0;
    static final long CLOSE = 3;
    static final long LSEEK = 8;
    static final long IOCTL = 16;
    static final long PREAD64 = 17;
    static final long PWRITE64 = 18;
    static final long FTRUNCATE = 77;
    static final long FCHMOD = 91;
    static final long FCHOWN = 93;
    static final long GETEUID = 107;
    static final long LSETXATTR = 189;
    static final long LGETXATTR = 192;
    static final long LLISTXATTR = 195;
    static final long LREMOVEXATTR = 198;
    static final long GETDENTS64 = 217;
    static final long OPENAT = 257;
    static final long MKDIRAT = 258;
    static final long MKNODAT = 259;
    static final long FCHOWNAT = 260;
    static final long UNLINKAT = 263;
    static final long RENAMEAT = 264;
    static final long LINKAT = 265;
    static final long SYMLINKAT = 266;
    static final long READLINKAT = 267;
    static final long FCHMODAT = 268;
    static final long UTIMENSAT = 280;
    static final long STATX = 332;

    private static final MethodHandle SYSCALL = handle();

    private Syscall() {}

    private static MethodHandle handle() {
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            throw new UnsupportedOperationException("Mondo runs on x86_64 only (this is " + arch + ")");
        }
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(() -> new UnsatisfiedLinkError("syscall")),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    }

    /** Makes system call {@code nr}; -1 on failure with errno in {@code errnoState}. */
    static long call(MemorySegment errnoState, long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) SYSCALL.invokeExact(errnoState, nr, a1, a2, a3, a4, a5, a6);
        } catch (Throwable t) {
            // The handle's type is fixed and syscall(2) cannot throw: only a VM error gets here.
            if (t instanceof Error e) throw e;
            throw new IllegalStateException(t);
        }
    }

    static long call(MemorySegment errnoState, long nr, long a1) {
        return call(errnoState, nr, a1, 0, 0, 0, 0, 0);
    }

    static long call(MemorySegment errnoState, long nr, long a1, long a2) {
        return call(errnoState, nr, a1, a2, 0, 0, 0, 0);
    }

    static long call(MemorySegment errnoState, long nr, long a1, long a2, long a3) {
        return call(errnoState, nr, a1, a2, a3, 0, 0, 0);
    }

    static long call(MemorySegment errnoState, long nr, long a1, long a2, long a3, long a4) {
        return call(errnoState, nr, a1, a2, a3, a4, 0, 0);
    }

    static long call(MemorySegment errnoState, long nr, long a1, long a2, long a3, long a4, long a5) {
        return call(errnoState, nr, a1, a2, a3, a4, a5, 0);
    }
}
