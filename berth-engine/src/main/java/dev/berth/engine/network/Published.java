package dev.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A published port: the host side (hostIp "0.0.0.0" for every address) to the container's port. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Published(String proto, String hostIp, int hostPort, String containerIp, int containerPort) {
    /** The inspect/port key: "80/tcp". */
    public String key() {
        return containerPort + "/" + proto;
    }
}
