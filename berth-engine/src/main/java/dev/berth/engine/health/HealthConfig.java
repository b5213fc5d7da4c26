package dev.berth.engine.health;

import dev.berth.image.model.ImageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A container's health check with Docker's defaults applied (30s interval, 30s timeout, 3 retries). */
public record HealthConfig(List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30), DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RETRIES = 3;

    public HealthConfig {
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("a health check needs a command");
    }

    /** Null when there is no check: no Test, an empty one, or ["NONE"] (--no-healthcheck). */
    public static HealthConfig of(ImageConfig.Healthcheck h) {
        if (h == null || h.test() == null || h.test().isEmpty()) return null;
        List<String> t = h.test();
        List<String> cmd = switch (t.get(0)) {
            case "NONE" -> null;
            case "CMD" -> t.size() > 1 ? new ArrayList<>(t.subList(1, t.size())) : null;
            case "CMD-SHELL" -> t.size() > 1 ? List.of("/bin/sh", "-c", String.join(" ", t.subList(1, t.size()))) : null;
            default -> null;
        };
        if (cmd == null) return null;
        return new HealthConfig(cmd, nanos(h.interval(), DEFAULT_INTERVAL), nanos(h.timeout(), DEFAULT_TIMEOUT),
                h.retries() == null || h.retries() <= 0 ? DEFAULT_RETRIES : h.retries(), nanos(h.startPeriod(), Duration.ZERO));
    }

    private static Duration nanos(Long v, Duration dflt) {
        return v == null || v <= 0 ? dflt : Duration.ofNanos(v);
    }
}
