package dev.berth.image.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 times of image configs as Unix seconds (0 when absent or malformed, as Docker shows a nil time). */
final class ImageConfigTimes {
    private ImageConfigTimes() {}

    static long seconds(String rfc3339) {
        Instant i = instant(rfc3339);
        return i == null ? 0 : i.getEpochSecond();
    }

    static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
