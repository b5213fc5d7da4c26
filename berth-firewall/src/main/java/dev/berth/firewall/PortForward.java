package dev.berth.firewall;

import dev.berth.common.BerthException;

/**
 * One published port: {@code hostIp:hostPort/proto} on the host is DNATed to {@code containerIp:containerPort}.
 *
 * @param proto         {@code tcp} or {@code udp}
 * @param hostIp        {@code ""} for every local address (including 127.0.0.0/8), else one IPv4 address
 * @param bridge        the Berth bridge the container sits on; must be one of the model's bridges
 */
public record PortForward(String proto, String hostIp, int hostPort, String containerIp, int containerPort, String bridge) {
    public PortForward {
        if (!"tcp".equals(proto) && !"udp".equals(proto)) {
            throw BerthException.invalid("published port %d: invalid protocol %s (want tcp or udp)", hostPort, Names.quoted(proto));
        }
        if (hostIp == null) hostIp = "";
        if (!hostIp.isEmpty()) Names.ipv4("published port " + hostPort + "/" + proto + " host IP", hostIp);
        Names.port("published host port", hostPort);
        Names.port("published port " + hostPort + "/" + proto + " container port", containerPort);
        Names.ipv4("published port " + hostPort + "/" + proto + " container IP", containerIp);
        Names.bridge("published port " + hostPort + "/" + proto + " bridge", bridge);
    }

    /** How Docker prints it: {@code 0.0.0.0:8080->80/tcp}. */
    public String describe() {
        return (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + hostPort + "->" + containerIp + ":" + containerPort + "/" + proto;
    }
}
