package dev.berth.network.files;

import java.util.List;

/**
 * A container's resolv.conf {@code content}; the {@code upstreams} the embedded DNS (127.0.0.11) must forward to,
 * host-file servers included even when loopback (the forwarder runs in the host's network namespace); and
 * {@code needsEmbeddedDns}, true when the content points at 127.0.0.11 so the caller must serve it.
 */
public record ResolvResult(String content, List<String> upstreams, boolean needsEmbeddedDns) {
    public ResolvResult {
        upstreams = List.copyOf(upstreams);
    }
}
