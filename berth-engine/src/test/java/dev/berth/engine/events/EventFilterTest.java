package dev.berth.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final Event DIE = new Event("container", "die", "abcdef0123", Map.of("image", "busybox", "name", "web", "exitCode", "3",
            "team", "x"), 1_700_000_000_123_456_789L);
    private static final Event TAG = new Event("image", "tag", "sha256:feed", Map.of("name", "busybox:1"), 1L);

    private static boolean match(Map<String, List<String>> f, Event e) {
        return new EventFilter(f).matches(e);
    }

    @Test
    void filtersByTypeContainerImageEventAndLabel() {
        assertTrue(match(Map.of(), DIE));
        assertTrue(match(Map.of("type", List.of("container")), DIE));
        assertFalse(match(Map.of("type", List.of("image")), DIE));
        assertTrue(match(Map.of("container", List.of("web")), DIE));
        assertTrue(match(Map.of("container", List.of("abcd")), DIE));
        assertFalse(match(Map.of("container", List.of("other")), DIE));
        assertFalse(match(Map.of("container", List.of("web")), TAG));
        assertTrue(match(Map.of("image", List.of("busybox")), DIE));
        assertTrue(match(Map.of("image", List.of("busybox:1")), TAG));
        assertFalse(match(Map.of("image", List.of("alpine")), DIE));
        assertTrue(match(Map.of("event", List.of("start", "die")), DIE));
        assertFalse(match(Map.of("event", List.of("start")), DIE));
        assertTrue(match(Map.of("event", List.of("health_status")),
                new Event("container", "health_status: healthy", "a", Map.of(), 1L)));
        assertTrue(match(Map.of("label", List.of("team=x")), DIE));
        assertTrue(match(Map.of("label", List.of("team")), DIE));
        assertFalse(match(Map.of("label", List.of("team=y")), DIE));
    }

    @Test
    void unknownFilterIsRejected() {
        BerthException e = assertThrows(BerthException.class, () -> new EventFilter(Map.of("colour", List.of("red"))));
        assertEquals("Invalid filter 'colour'", e.getMessage());
    }

    @Test
    void containerEventsHaveDockersJsonShape() {
        Map<String, Object> j = DIE.toJson();
        assertEquals("die", j.get("status"));
        assertEquals("abcdef0123", j.get("id"));
        assertEquals("busybox", j.get("from"));
        assertEquals("container", j.get("Type"));
        assertEquals("local", j.get("scope"));
        assertEquals(1_700_000_000L, j.get("time"));
        assertEquals(1_700_000_000_123_456_789L, j.get("timeNano"));
        assertFalse(TAG.toJson().containsKey("status"));
    }

    @Test
    void busKeepsTheLastThousandAndServesSince() throws Exception {
        EventBus bus = new EventBus();
        for (int i = 0; i < EventBus.CAPACITY + 10; i++) bus.publish(new Event("container", "start", "c" + i, Map.of(), i));
        assertEquals(EventBus.CAPACITY, bus.recent().size());
        assertEquals("c10", bus.recent().get(0).actorId());
        try (EventBus.Subscription s = bus.subscribe(1005L)) {
            assertEquals(5, s.queue().size());
            bus.publish(new Event("container", "die", "live", Map.of(), 2000));
            assertEquals(6, s.queue().size());
        }
        try (EventBus.Subscription live = bus.subscribe(null)) {
            assertTrue(live.queue().isEmpty());
        }
    }
}
