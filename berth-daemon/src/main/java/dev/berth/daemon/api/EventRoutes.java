package dev.berth.daemon.api;

import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.events.Event;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.events.EventFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** GET /events: the kept events since `since`, then live ones, until `until` (or the client leaves). */
public final class EventRoutes {
    private final EventBus events;

    public EventRoutes(EventBus events) {
        this.events = events;
    }

    public void register(Router r) {
        r.on("GET", "/events", this::events);
    }

    private void events(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        EventFilter filter = new EventFilter(Filters.parse(req.query("filters"), EventFilter.KEYS).values());
        Long since = nanos(req.query("since"));
        Long until = nanos(req.query("until"));
        if (since != null && until != null && since > until)
            throw BerthException.invalid("`since` time (%s) cannot be after `until` time (%s)", req.query("since"), req.query("until"));
        try (EventBus.Subscription sub = events.subscribe(since)) {
            OutputStream out = ex.startChunked(200, "application/json", null);
            out.flush();
            try {
                while (true) {
                    long now = System.currentTimeMillis() * 1_000_000L;
                    if (until != null && sub.queue().isEmpty() && now > until) break;
                    Event e = sub.queue().poll(500, TimeUnit.MILLISECONDS);
                    if (e == null) continue;
                    if (until != null && e.timeNano() > until) break;
                    if (!filter.matches(e)) continue;
                    out.write(Json.bytes(e.toJson()));
                    out.write('\n');
                    out.flush();
                }
                out.close();
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The CLI sends unix seconds with a fraction ("1700000000.000000001"); RFC 3339 is accepted too. */
    static Long nanos(String v) {
        if (v == null || v.isEmpty()) return null;
        try {
            String[] parts = v.split("\\.", 2);
            long secs = Long.parseLong(parts[0]);
            long frac = 0;
            if (parts.length == 2) {
                String f = (parts[1] + "000000000").substring(0, 9);
                frac = Long.parseLong(f);
            }
            return secs * 1_000_000_000L + frac;
        } catch (NumberFormatException e) {
            try {
                Instant i = Instant.parse(v);
                return i.getEpochSecond() * 1_000_000_000L + i.getNano();
            } catch (RuntimeException r) {
                throw BerthException.invalid("invalid timestamp: %s", v);
            }
        }
    }
}
