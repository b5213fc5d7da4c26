package dev.berth.network.ports;

import dev.berth.common.BerthException;

/** A published port in effect: host {@code hostIp:hostPort} forwards to the container's {@code containerPort}. */
public record PortMapping(String proto, String hostIp, int hostPort, int containerPort) {
    public PortMapping {
        proto = Protocols.check(proto);
        hostIp = HostIps.normalise(hostIp);
        if (hostPort < 1 || hostPort > 65535) {
            throw BerthException.invalid("invalid host port %d", hostPort);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw BerthException.invalid("invalid container port %d", containerPort);
        }
    }
}
