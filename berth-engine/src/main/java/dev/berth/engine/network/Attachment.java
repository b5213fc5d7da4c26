package dev.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * What berthd keeps per container (DATA_ROOT/network/containers/ID.json): the networks it belongs
 * to (the first is the primary one, which gives the default route and the published ports), and
 * while it runs its sandbox: the netns file, the endpoints, the published ports and whether the
 * embedded DNS serves it. Values, replaced whole on change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Attachment(String containerId, String mode, List<Membership> networks, Sandbox sandbox) {
    public Attachment {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** The running part; null while the container is stopped. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sandbox(String netns, List<LiveEndpoint> endpoints, List<Published> ports, boolean dns, List<String> upstreams) {
        public Sandbox {
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
            ports = ports == null ? List.of() : List.copyOf(ports);
            upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        }

        public LiveEndpoint endpoint(String networkId) {
            for (LiveEndpoint e : endpoints) if (e.networkId().equals(networkId)) return e;
            return null;
        }

        Sandbox withEndpoints(List<LiveEndpoint> e) {
            return new Sandbox(netns, e, ports, dns, upstreams);
        }
    }

    public Membership membership(String networkId) {
        for (Membership m : networks) if (m.networkId().equals(networkId)) return m;
        return null;
    }

    Attachment withSandbox(Sandbox s) {
        return new Attachment(containerId, mode, networks, s);
    }

    Attachment plus(Membership m) {
        List<Membership> l = new ArrayList<>(networks);
        l.add(m);
        return new Attachment(containerId, mode, l, sandbox);
    }

    Attachment minus(String networkId) {
        List<Membership> l = new ArrayList<>(networks);
        l.removeIf(m -> m.networkId().equals(networkId));
        Sandbox s = sandbox;
        if (s != null) {
            List<LiveEndpoint> e = new ArrayList<>(s.endpoints());
            e.removeIf(x -> x.networkId().equals(networkId));
            s = s.withEndpoints(e);
        }
        return new Attachment(containerId, mode, l, s);
    }
}
