package dev.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A container's membership of one network, as asked at create or connect (the endpoint config):
 * its aliases, a static address and MAC if any, legacy links.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Membership(String networkId, List<String> aliases, String ipv4, String mac, List<String> links) {
    public Membership {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
