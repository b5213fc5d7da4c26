package dev.berth.runtime.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Small static C programs the tests put into containers, compiled once per JVM with the host's gcc. */
public final class StaticBinary {
    private static final Map<String, Path> BUILT = new HashMap<>();

    private StaticBinary() {}

    /** Compiles the test resource NAME.c (next to this class) into a static binary and returns its path. */
    public static synchronized Path of(String name) {
        return BUILT.computeIfAbsent(name, n -> {
            try (InputStream in = StaticBinary.class.getResourceAsStream(n + ".c")) {
                if (in == null) throw new IllegalStateException("no test resource " + n + ".c");
                Path dir = Files.createTempDirectory("berth-it-bin-");
                Path src = dir.resolve(n + ".c"), out = dir.resolve(n);
                Files.write(src, in.readAllBytes());
                Cmd.check(Cmd.run("gcc", "-static", "-O1", "-Wall", "-o", out.toString(), src.toString()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Cmd.run("rm", "-rf", dir.toString())));
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Copies the program into the rootfs at path (inside it), executable. */
    public static void install(String name, Path rootfs, String path) {
        Cmd.check(Cmd.run("install", "-m", "0755", of(name).toString(), rootfs.resolve(path.substring(1)).toString()));
    }
}
