package dev.berth.engine.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** The daemon's events: the last {@link #CAPACITY} kept for `since`, and live subscribers. */
public final class EventBus {
    public static final int CAPACITY = 1000;

    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

    /** A subscriber's queue: the kept events it asked for first, then live ones. Close it when done. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

        public BlockingQueue<Event> queue() {
            return queue;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        Instant now = Instant.now();
        publish(new Event(type, action, actorId, attributes, now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    }

    public synchronized void publish(Event e) {
        recent.addLast(e);
        while (recent.size() > CAPACITY) recent.removeFirst();
        for (Subscription s : subscribers) s.queue.add(e);
    }

    /** sinceNano: kept events at or after it are queued first (null: only live events). */
    public synchronized Subscription subscribe(Long sinceNano) {
        Subscription s = new Subscription();
        if (sinceNano != null) for (Event e : recent) if (e.timeNano() >= sinceNano) s.queue.add(e);
        subscribers.add(s);
        return s;
    }

    public synchronized List<Event> recent() {
        return List.copyOf(recent);
    }
}
