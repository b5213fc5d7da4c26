package dev.berth.network.ports;

import dev.berth.common.BerthException;

/**
 * A port the container asks to publish, before a host port is chosen: {@code hostPortLow == hostPortHigh == 0} means
 * any ephemeral port, equal non-zero bounds a fixed port, different bounds any one port of that range.
 */
public record PortRequest(String proto, String hostIp, int hostPortLow, int hostPortHigh, int containerPort) {
    public PortRequest {
        proto = Protocols.check(proto);
        hostIp = HostIps.normalise(hostIp);
        boolean ephemeral = hostPortLow == 0 && hostPortHigh == 0;
        if (!ephemeral && (hostPortLow < 1 || hostPortHigh > 65535 || hostPortHigh < hostPortLow)) {
            throw BerthException.invalid("invalid port range: %d-%d", hostPortLow, hostPortHigh);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw BerthException.invalid("invalid container port %d", containerPort);
        }
    }

    public boolean isEphemeral() {
        return hostPortLow == 0;
    }

    public boolean isFixed() {
        return hostPortLow != 0 && hostPortLow == hostPortHigh;
    }
}
