package dev.berth.network.ports;

import dev.berth.common.BerthException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host ports dynamic publications come from, normally the kernel's {@code net.ipv4.ip_local_port_range}. */
public record EphemeralRange(int begin, int end) {
    /** Docker's fallback when the kernel's range cannot be read. */
    public static final EphemeralRange DOCKER_DEFAULT = new EphemeralRange(49153, 60999);

    public EphemeralRange {
        if (begin < 1 || end > 65535 || end < begin) {
            throw BerthException.invalid("invalid port range: %d-%d", begin, end);
        }
    }

    /**
     * Parses the content of {@code /proc/sys/net/ipv4/ip_local_port_range} ("32768\t60999\n"); null or unparsable
     * content gives {@link #DOCKER_DEFAULT}, as Docker falls back.
     */
    public static EphemeralRange parse(String content) {
        if (content == null) {
            return DOCKER_DEFAULT;
        }
        String[] fields = content.strip().split("\\s+");
        if (fields.length != 2) {
            return DOCKER_DEFAULT;
        }
        try {
            return new EphemeralRange(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]));
        } catch (NumberFormatException | BerthException e) {
            return DOCKER_DEFAULT;
        }
    }

    /** Reads and {@link #parse parses} {@code file}; an unreadable file gives {@link #DOCKER_DEFAULT}. */
    public static EphemeralRange read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return DOCKER_DEFAULT;
        }
    }
}
