package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** go-units' humanising, checked against values docker prints. */
class UnitsTest {
    @Test
    void humanSizeAsDockerImagesPrintsIt() {
        assertEquals("1.99MB", Units.humanSize(1985581, 3));
        assertEquals("4.26MB", Units.humanSize(4261335, 3));
        assertEquals("47B", Units.humanSize(47, 3));
        assertEquals("0B", Units.humanSize(0, 3));
        assertEquals("1e+03kB", Units.humanSize(999_999, 3));
        assertEquals("2.05kB", Units.humanSize(2048, 3));
        assertEquals("3.971MB", Units.humanSize(3971162));
        assertEquals("1GB", Units.humanSize(1e9));
        assertEquals("999B", Units.humanSize(999));
    }

    @Test
    void bytesSize() {
        assertEquals("64MiB", Units.bytesSize(64L << 20));
        assertEquals("23.54GiB", Units.bytesSize(25275219968L));
        assertEquals("1.5KiB", Units.bytesSize(1536));
        assertEquals("0B", Units.bytesSize(0));
    }

    @Test
    void formatGLikeGo() {
        assertEquals("4", Units.formatG(4.0, 3));
        assertEquals("0.0001", Units.formatG(0.0001, 3));
        assertEquals("1e-05", Units.formatG(0.00001, 3));
        assertEquals("1.23e+05", Units.formatG(123456, 3));
        assertEquals("12.3", Units.formatG(12.34, 3));
        assertEquals("-2.5", Units.formatG(-2.5, 4));
    }

    @Test
    void humanDuration() {
        assertEquals("Less than a second", Units.humanDuration(Duration.ofMillis(999)));
        assertEquals("1 second", Units.humanDuration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", Units.humanDuration(Duration.ofSeconds(59)));
        assertEquals("About a minute", Units.humanDuration(Duration.ofSeconds(60)));
        assertEquals("About a minute", Units.humanDuration(Duration.ofSeconds(119)));
        assertEquals("2 minutes", Units.humanDuration(Duration.ofSeconds(120)));
        assertEquals("59 minutes", Units.humanDuration(Duration.ofMinutes(59)));
        assertEquals("About an hour", Units.humanDuration(Duration.ofMinutes(89)));
        assertEquals("2 hours", Units.humanDuration(Duration.ofMinutes(90)));
        assertEquals("47 hours", Units.humanDuration(Duration.ofHours(47)));
        assertEquals("2 days", Units.humanDuration(Duration.ofHours(48)));
        assertEquals("13 days", Units.humanDuration(Duration.ofDays(13)));
        assertEquals("2 weeks", Units.humanDuration(Duration.ofDays(14)));
        assertEquals("8 weeks", Units.humanDuration(Duration.ofDays(59)));
        assertEquals("2 months", Units.humanDuration(Duration.ofDays(60)));
        assertEquals("24 months", Units.humanDuration(Duration.ofDays(729)));
        assertEquals("2 years", Units.humanDuration(Duration.ofDays(731)));
        assertEquals("2 years ago", Units.ago(1704067200L, 1795420732_000L));
    }

    @Test
    void goTimeString() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            assertEquals("2026-11-23 07:35:42 +0000 UTC", Units.goTime(1795419342L));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }
}
