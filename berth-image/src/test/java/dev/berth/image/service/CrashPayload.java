package dev.berth.image.service;

import dev.berth.image.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Self-checking files for the crash tests: every payload {@code data/<name>} (random bytes) comes with
 * {@code check/<name>} holding its sha256, written before it, so a layer cut short anywhere shows up as
 * a missing or mismatching payload.
 */
final class CrashPayload {
    private CrashPayload() {}

    /** A layer tar with one self-checking payload of about size bytes. */
    static byte[] layer(String name, int size, Random rnd) {
        byte[] data = new byte[size];
        rnd.nextBytes(data);
        return new TestArchives.Tar().dir("check").dir("data")
                .file("check/" + name, Digest.sha256(data).toString())
                .file("data/" + name, data).bytes();
    }

    /** Writes a payload into a mounted root. */
    static void write(Path rootfs, String name, int size, Random rnd) throws IOException {
        byte[] data = new byte[size];
        rnd.nextBytes(data);
        Files.createDirectories(rootfs.resolve("check"));
        Files.createDirectories(rootfs.resolve("data"));
        Files.writeString(rootfs.resolve("check/" + name), Digest.sha256(data).toString());
        Files.write(rootfs.resolve("data/" + name), data);
    }

    /** Problems with the payloads visible under a mounted root; empty when every one matches. */
    static List<String> verify(Path rootfs) throws IOException {
        List<String> problems = new ArrayList<>();
        Path check = rootfs.resolve("check");
        if (!Files.isDirectory(check)) return problems;
        try (Stream<Path> s = Files.list(check)) {
            for (Path c : s.toList()) {
                Path data = rootfs.resolve("data").resolve(c.getFileName());
                if (!Files.exists(data)) {
                    problems.add("missing " + data);
                    continue;
                }
                String want = Files.readString(c, StandardCharsets.UTF_8);
                String got = Digest.sha256(Files.readAllBytes(data)).toString();
                if (!want.equals(got)) problems.add(data + " has " + got + ", its check says " + want);
            }
        }
        return problems;
    }
}
