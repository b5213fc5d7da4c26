package dev.berth.daemon;

import dev.berth.engine.network.ContainerDirectory;

/** The container directory for the network service, bound once the container service exists (they need each other). */
final class LateDirectory implements ContainerDirectory {
    private volatile ContainerDirectory target;

    void bind(ContainerDirectory t) {
        this.target = t;
    }

    @Override
    public String containerName(String containerId) {
        ContainerDirectory t = target;
        return t == null ? null : t.containerName(containerId);
    }

    @Override
    public String idOf(String nameOrId) {
        ContainerDirectory t = target;
        return t == null ? null : t.idOf(nameOrId);
    }

    @Override
    public String hostnameOf(String containerId) {
        ContainerDirectory t = target;
        return t == null ? containerId.substring(0, 12) : t.hostnameOf(containerId);
    }
}
