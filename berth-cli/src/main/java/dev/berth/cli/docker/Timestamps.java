package dev.berth.cli.docker;

import dev.berth.cli.opts.GoParse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** GetTimestamp of the Engine API types: --since/--until as durations ("10m"), RFC 3339 times, dates, or Unix seconds. */
final class Timestamps {
    private Timestamps() {}

    static String get(String value, Instant now) {
        if (!value.equals("0")) {
            try {
                long d = GoParse.parseDuration(value);
                return Long.toString(now.minusNanos(d).getEpochSecond());
            } catch (IllegalArgumentException ignored) {
                // not a duration
            }
        }
        try {
            Instant t;
            boolean local = !value.matches(".*[zZ+].*") && value.chars().filter(c -> c == '-').count() != 3;
            if (value.contains("T")) {
                String v = value;
                if (local) {
                    long colons = v.chars().filter(c -> c == ':').count();
                    if (colons == 0) v += ":00:00";
                    else if (colons == 1) v += ":00";
                    t = LocalDateTime.parse(v).atZone(ZoneId.systemDefault()).toInstant();
                } else {
                    t = OffsetDateTime.parse(v.replace("z", "Z")).toInstant();
                }
            } else if (local) {
                t = LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } else {
                int z = Math.max(value.indexOf('Z'), Math.max(value.indexOf('+'), value.lastIndexOf('-') > 7 ? value.lastIndexOf('-') : -1));
                t = OffsetDateTime.parse(value.substring(0, z) + "T00:00:00" + value.substring(z)).toInstant();
            }
            return String.format("%d.%09d", t.getEpochSecond(), t.getNano());
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            if (value.contains("-")) throw new CliException("parsing time " + GoParse.quote(value) + ": cannot parse");
            if (!value.matches("-?\\d+(\\.\\d+)?")) throw new CliException("failed to parse value as time or duration: " + GoParse.quote(value));
            return value;
        }
    }
}
