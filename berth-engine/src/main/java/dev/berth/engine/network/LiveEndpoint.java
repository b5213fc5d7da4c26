package dev.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A container's interface on one network while it runs: eth0 inside, the veth on the host's bridge. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LiveEndpoint(String networkId, String endpointId, String ifName, String hostVeth, String ip, int prefix,
                           String gateway, String mac) {}
