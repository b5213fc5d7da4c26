package dev.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A network as berthd keeps it (DATA_ROOT/network/networks/ID.json). The predefined ones are
 * "bridge" (the default bridge), "host" and "none"; user networks use the bridge driver. Address
 * allocations are not stored here: they are rebuilt from the live endpoints on restore.
 * {@code adoptedBridge}: the bridge existed before the network (-b br0, -o ...bridge.name=br0), so
 * it is used but never deleted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkRecord(String id, String name, String driver, String created, String bridge, String subnet, String gateway,
                            String ipRange, boolean internal, boolean attachable, boolean enableIpv6, Map<String, String> labels,
                            Map<String, String> options, boolean predefined, boolean adoptedBridge) {
    public NetworkRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isBridge() {
        return "bridge".equals(driver);
    }

    /** The default bridge: no embedded DNS, legacy links, the "bridge" name. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDefaultBridge() {
        return predefined && "bridge".equals(name);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
