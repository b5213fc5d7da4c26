package dev.berth.firewall;

/** What iptables' {@code ip filter FORWARD} chain means for Berth's forwarded traffic (see {@link Firewall}). */
public enum ForwardPolicy {
    /** The chain exists with policy accept: nothing to do. */
    ACCEPT,
    /** Policy drop, and Berth inserted accepts for its bridges into {@code DOCKER-USER}. */
    DROP_HANDLED,
    /** Policy drop and no {@code DOCKER-USER} chain: containers cannot reach outside until an admin adds accepts. */
    DROP_UNHANDLED,
    /** There is no {@code ip filter FORWARD} chain (no iptables-nft rules on this host). */
    NO_CHAIN
}
