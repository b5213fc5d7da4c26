package dev.berth.firewall;

/**
 * One Linux bridge owned by Berth: the default {@code berth0} or a user network's {@code br-<12hex>}.
 *
 * @param bridge   interface name (need not exist yet: rules match it by name)
 * @param subnet   IPv4 CIDR of the network, host bits zero
 * @param internal Docker's {@code --internal}: no traffic in or out of the bridge, no masquerade
 * @param icc      inter-container communication on this bridge; false drops bridge-to-same-bridge forwarding
 */
public record BridgeNet(String bridge, String subnet, boolean internal, boolean icc) {
    public BridgeNet {
        Names.bridge("bridge", bridge);
        Names.subnet("network on bridge " + bridge, subnet);
    }
}
