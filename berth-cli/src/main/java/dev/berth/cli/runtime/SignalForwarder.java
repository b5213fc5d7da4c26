package dev.berth.cli.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** While a foreground container runs, signals to the CLI go to the container instead (as runc does). */
final class SignalForwarder implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "WINCH"};
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    static SignalForwarder forward(IntConsumer kill) {
        SignalForwarder f = new SignalForwarder();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                f.previous.add(Signal.handle(s, sig -> {
                    try {
                        kill.accept(sig.getNumber());
                    } catch (RuntimeException ignored) {
                        // the container is gone
                    }
                }));
                f.signals.add(s);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (e.g. QUIT with -Xrs off)
            }
        }
        return f;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) Signal.handle(signals.get(i), previous.get(i));
    }
}
