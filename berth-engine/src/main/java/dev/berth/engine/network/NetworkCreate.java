package dev.berth.engine.network;

import java.util.Map;

/** A network create request (POST /networks/create), IPv4 IPAM config flattened (Docker allows one per family). */
public record NetworkCreate(String name, String driver, String subnet, String gateway, String ipRange, boolean internal,
                            boolean attachable, boolean enableIpv6, Map<String, String> labels, Map<String, String> options) {
    public NetworkCreate {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
