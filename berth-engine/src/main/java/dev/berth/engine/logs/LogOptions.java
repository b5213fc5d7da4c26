package dev.berth.engine.logs;

import java.time.Instant;

/** What `docker logs` asks for. tail < 0 means all lines. */
public record LogOptions(boolean stdout, boolean stderr, Instant since, Instant until, boolean timestamps, int tail, boolean follow) {}
