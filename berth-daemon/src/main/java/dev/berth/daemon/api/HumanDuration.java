package dev.berth.daemon.api;

import java.time.Duration;

/** go-units HumanDuration, as `docker ps` prints "Up 3 seconds" and "Exited (0) 2 minutes ago". */
final class HumanDuration {
    private HumanDuration() {}

    static String of(Duration d) {
        long s = d.getSeconds();
        if (s < 1) return "Less than a second";
        if (s == 1) return "1 second";
        if (s < 60) return s + " seconds";
        long m = d.toMinutes();
        if (m == 1) return "About a minute";
        if (m < 60) return m + " minutes";
        long h = d.toHours();
        if (h == 1) return "About an hour";
        if (h < 48) return h + " hours";
        if (h < 24 * 7 * 2) return (h / 24) + " days";
        if (h < 24 * 30 * 2) return (h / 24 / 7) + " weeks";
        if (h < 24 * 365 * 2) return (h / 24 / 30) + " months";
        return (h / 24 / 365) + " years";
    }
}
