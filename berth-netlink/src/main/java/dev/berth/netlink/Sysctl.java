package dev.berth.netlink;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes /proc/sys values of the calling thread's network namespace; for a container's,
 * call inside {@link Netns#call}. Keys use dots ("net.ipv4.conf.eth0.route_localnet"); an
 * interface name that itself contains a dot must be written with '/' ("net/ipv4/conf/eth0.5/...").
 */
public final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys");

    private Sysctl() {}

    public static void write(String key, String value) {
        Path p = path(key);
        try {
            Files.writeString(p, value);
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("sysctl %s: no such key", key);
        } catch (IOException e) {
            throw BerthException.internal("write sysctl " + key + "=" + value + ": " + e.getMessage(), e);
        }
    }

    /** The value with its trailing newline removed. */
    public static String read(String key) {
        try {
            return new String(Files.readAllBytes(path(key)), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("sysctl %s: no such key", key);
        } catch (IOException e) {
            throw BerthException.internal("read sysctl " + key + ": " + e.getMessage(), e);
        }
    }

    static Path path(String key) {
        if (key.isEmpty() || key.contains("..") || key.startsWith("/") || key.startsWith(".")) {
            throw BerthException.invalid("invalid sysctl key %s", key);
        }
        return ROOT.resolve(key.contains("/") ? key : key.replace('.', '/'));
    }
}
