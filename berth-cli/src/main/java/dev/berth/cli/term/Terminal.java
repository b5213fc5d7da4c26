package dev.berth.cli.term;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The local terminal: whether a descriptor is one (isatty), its size (TIOCGWINSZ) and raw mode.
 * Raw mode goes through {@code stty} on /dev/tty, and is undone by the returned handle and by a
 * shutdown hook. The FFM calls are linked on first use only, so commands that never ask pay nothing.
 */
public final class Terminal {
    private static final long TIOCGWINSZ = 0x5413;
    private static MethodHandle isatty;
    private static MethodHandle ioctl;
    private static volatile boolean hooks;

    private Terminal() {}

    private static synchronized void link() {
        if (isatty != null) return;
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        isatty = linker.downcallHandle(libc.find("isatty").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }

    /** Whether a shutdown hook (terminal restore) was registered. */
    public static boolean hooksInstalled() {
        return hooks;
    }

    /**
     * Whether fd is a terminal: from where /proc/self/fd points (linking the isatty downcall costs
     * far more than a readlink, and every run asks about stdout), with isatty as the fallback.
     */
    public static boolean isTerminal(int fd) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            try {
                link();
                return (int) isatty.invokeExact(fd) == 1;
            } catch (Throwable t) {
                return false;
            }
        }
    }

    /** {rows, columns} of the terminal on fd, or {0, 0} when it is not one. */
    public static int[] size(int fd) {
        try {
            link();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ws = arena.allocate(8);
                int rc = (int) ioctl.invokeExact(fd, TIOCGWINSZ, ws);
                if (rc != 0) return new int[] {0, 0};
                return new int[] {Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 0)), Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2))};
            }
        } catch (Throwable t) {
            return new int[] {0, 0};
        }
    }

    /** Puts the controlling terminal in raw mode without echo; close the handle to restore it. */
    public static AutoCloseable makeRaw() throws IOException {
        String saved = stty("-g").trim();
        stty("raw", "-echo");
        Thread hook = new Thread(() -> restore(saved));
        Runtime.getRuntime().addShutdownHook(hook);
        hooks = true;
        return () -> {
            restore(saved);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook restores
            }
        };
    }

    private static void restore(String saved) {
        try {
            stty(saved);
        } catch (IOException ignored) {
            // the terminal is gone
        }
    }

    private static String stty(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectInput(new java.io.File("/dev/tty")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (p.waitFor() != 0) throw new IOException("stty " + String.join(" ", args) + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
