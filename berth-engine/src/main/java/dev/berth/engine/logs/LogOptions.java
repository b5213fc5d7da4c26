package dev.berth.engine.logs;

import java.time.Instant;

/** What `docker logs` asks for. tail < 0 means all lines. */
public record LogOptions(boolean stdout, boolean stderr, Instant since, Instant until, boolean timestamps, int tail, boolean follow) {
    /** tail = all lines. */
    public static final int ALL = -1;

    /**
     * The ?tail= query value as Docker reads it: a non-negative integer is a line count; "all",
     * an empty value, a negative number or anything else that is not an integer means all lines.
     */
    public static int parseTail(String value) {
        if (value == null) return ALL;
        try {
            int n = Integer.parseInt(value.strip());
            return n < 0 ? ALL : n;
        } catch (NumberFormatException e) {
            return ALL;
        }
    }
}
