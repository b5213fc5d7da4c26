package dev.berth.engine.health;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State.Health of one container: status, failing streak and the last {@link #KEPT} probe results. */
public final class HealthState {
    public static final int KEPT = 5;
    public static final String STARTING = "starting", HEALTHY = "healthy", UNHEALTHY = "unhealthy";

    public record Probe(Instant start, Instant end, int exitCode, String output) {}

    private final ArrayDeque<Probe> log = new ArrayDeque<>();
    private String status = STARTING;
    private int failingStreak;

    /** Records a probe; returns the new status when it changed, else null. */
    public synchronized String record(Probe p, boolean inStartPeriod, int retries) {
        log.addLast(p);
        while (log.size() > KEPT) log.removeFirst();
        String before = status;
        if (p.exitCode() == 0) {
            failingStreak = 0;
            status = HEALTHY;
        } else if (!(inStartPeriod && status.equals(STARTING))) {
            failingStreak++;
            if (failingStreak >= retries) status = UNHEALTHY;
        }
        return status.equals(before) ? null : status;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized int failingStreak() {
        return failingStreak;
    }

    public synchronized List<Probe> log() {
        return List.copyOf(log);
    }

    /** A state read back from {@link #toJson}'s form (what berthd saved before it restarted). */
    public static HealthState fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        HealthState h = new HealthState();
        String st = n.path("Status").asText(STARTING);
        h.status = List.of(STARTING, HEALTHY, UNHEALTHY).contains(st) ? st : STARTING;
        h.failingStreak = Math.max(0, n.path("FailingStreak").asInt(0));
        for (com.fasterxml.jackson.databind.JsonNode e : n.path("Log")) {
            h.log.addLast(new Probe(Instant.parse(e.path("Start").asText()), Instant.parse(e.path("End").asText()),
                    e.path("ExitCode").asInt(), e.path("Output").asText("")));
        }
        while (h.log.size() > KEPT) h.log.removeFirst();
        return h;
    }

    /** Docker's JSON shape of State.Health. */
    public synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", status);
        m.put("FailingStreak", failingStreak);
        m.put("Log", log.stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Start", p.start().toString());
            e.put("End", p.end().toString());
            e.put("ExitCode", p.exitCode());
            e.put("Output", p.output());
            return e;
        }).toList());
        return m;
    }
}
