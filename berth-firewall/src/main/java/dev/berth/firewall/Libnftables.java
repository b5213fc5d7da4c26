package dev.berth.firewall;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * nft's own library (libnftables.so.1, shipped with the nftables package) called in-process: the same parser
 * and transaction as {@code nft -f -}, without a fork and exec per change (~20–35 ms each from a JVM).
 */
final class Libnftables {
    private static final int OUTPUT_JSON = 1 << 4;
    private static final Optional<Libnftables> INSTANCE = load();

    private final MethodHandle ctxNew;
    private final MethodHandle ctxFree;
    private final MethodHandle bufferOutput;
    private final MethodHandle bufferError;
    private final MethodHandle getOutput;
    private final MethodHandle getError;
    private final MethodHandle setOutputFlags;
    private final MethodHandle runFromBuffer;
    private final MethodHandle runFromFile;

    private Libnftables(SymbolLookup lib) {
        Linker l = Linker.nativeLinker();
        ValueLayout ptr = ValueLayout.ADDRESS;
        ValueLayout i32 = ValueLayout.JAVA_INT;
        ctxNew = l.downcallHandle(find(lib, "nft_ctx_new"), FunctionDescriptor.of(ptr, i32));
        ctxFree = l.downcallHandle(find(lib, "nft_ctx_free"), FunctionDescriptor.ofVoid(ptr));
        bufferOutput = l.downcallHandle(find(lib, "nft_ctx_buffer_output"), FunctionDescriptor.of(i32, ptr));
        bufferError = l.downcallHandle(find(lib, "nft_ctx_buffer_error"), FunctionDescriptor.of(i32, ptr));
        getOutput = l.downcallHandle(find(lib, "nft_ctx_get_output_buffer"), FunctionDescriptor.of(ptr, ptr));
        getError = l.downcallHandle(find(lib, "nft_ctx_get_error_buffer"), FunctionDescriptor.of(ptr, ptr));
        setOutputFlags = l.downcallHandle(find(lib, "nft_ctx_output_set_flags"), FunctionDescriptor.ofVoid(ptr, i32));
        runFromBuffer = l.downcallHandle(find(lib, "nft_run_cmd_from_buffer"), FunctionDescriptor.of(i32, ptr, ptr));
        runFromFile = l.downcallHandle(find(lib, "nft_run_cmd_from_filename"), FunctionDescriptor.of(i32, ptr, ptr));
    }

    /** The library if this host has it; empty means callers fork {@code nft} instead. */
    static Optional<Libnftables> get() {
        return INSTANCE;
    }

    private static Optional<Libnftables> load() {
        if (Boolean.getBoolean("berth.nft.fork")) return Optional.empty();
        for (String name : List.of("libnftables.so.1", "libnftables.so")) {
            try {
                return Optional.of(new Libnftables(SymbolLookup.libraryLookup(name, Arena.global())));
            } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
                // not installed, or native access not enabled: fall back to the nft executable
            }
        }
        return Optional.empty();
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalArgumentException("libnftables lacks " + name));
    }

    /** One command (such as {@code list table ip x}), as {@code nft [-j] COMMAND} would run it. */
    Command.Result command(String command, boolean json) {
        return run(json, (ctx, arena) -> (int) runFromBuffer.invokeExact(ctx, arena.allocateFrom(command)));
    }

    /**
     * A script run as one transaction, as {@code nft -f FILE}: read from a file so that nft's errors name the
     * script line (from a buffer it points at the first line).
     */
    Command.Result script(String script) {
        Path file;
        try {
            file = Files.createTempFile("berth-nft", ".nft");
        } catch (IOException e) {
            return new Command.Result(1, "", "cannot write the nft script: " + e.getMessage());
        }
        try {
            Files.writeString(file, script);
            return run(false, (ctx, arena) -> (int) runFromFile.invokeExact(ctx, arena.allocateFrom(file.toString())));
        } catch (IOException e) {
            return new Command.Result(1, "", "cannot write the nft script: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private interface Call {
        int run(MemorySegment ctx, Arena arena) throws Throwable;
    }

    private Command.Result run(boolean json, Call call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ctx = (MemorySegment) ctxNew.invokeExact(0);
            if (ctx.equals(MemorySegment.NULL)) return new Command.Result(1, "", "nft_ctx_new failed");
            try {
                int ignored = (int) bufferOutput.invokeExact(ctx);
                ignored = (int) bufferError.invokeExact(ctx);
                if (json) setOutputFlags.invokeExact(ctx, OUTPUT_JSON);
                int rc = call.run(ctx, arena);
                String out = text((MemorySegment) getOutput.invokeExact(ctx));
                String err = text((MemorySegment) getError.invokeExact(ctx));
                return new Command.Result(rc == 0 ? 0 : 1, out, err.strip());
            } finally {
                ctxFree.invokeExact(ctx);
            }
        } catch (Throwable t) {
            if (t instanceof Error e) throw e;
            return new Command.Result(1, "", "libnftables: " + t);
        }
    }

    private static String text(MemorySegment s) {
        return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
