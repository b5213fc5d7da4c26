package dev.berth.engine.network;

/** What the network service needs to know of containers: names (for DNS, hosts and inspect) and ids. */
public interface ContainerDirectory {
    /** The container's name without the leading slash, or null when it is gone. */
    String containerName(String containerId);

    /** The id of the container with that name or id (prefix), or null. */
    String idOf(String nameOrId);

    /** The hostname the container was created with. */
    String hostnameOf(String containerId);
}
