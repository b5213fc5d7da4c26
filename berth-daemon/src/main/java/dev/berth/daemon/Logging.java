package dev.berth.daemon;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** dockerd's log levels onto java.util.logging, one line per record on stderr. */
final class Logging {
    private Logging() {}

    static void setLevel(String level) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n");
        Level l = switch (level) {
            case "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            case "info" -> Level.INFO;
            default -> throw dev.berth.common.BerthException.invalid("unable to parse logging level: %s", level);
        };
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new SimpleFormatter());
        h.setLevel(l);
        root.addHandler(h);
        root.setLevel(l);
    }
}
