package dev.berth.engine.network;

import java.util.Map;

/** Where network events go (the daemon's event bus): type "network", actions create/connect/disconnect/destroy. */
@FunctionalInterface
public interface NetworkEvents {
    void publish(String action, String networkId, Map<String, String> attributes);

    NetworkEvents NONE = (a, n, attrs) -> {};
}
