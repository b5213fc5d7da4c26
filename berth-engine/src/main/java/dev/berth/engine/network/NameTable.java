package dev.berth.engine.network;

import dev.berth.dns.NameLookup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one container's embedded DNS answers: the containers on the same user-defined networks by
 * name, short or full id, network alias, or "name.network", with their address on that network.
 * Read live on every query, so connect, disconnect, rename and new containers show at once.
 */
final class NameTable implements NameLookup {
    private final String self;
    private final Map<String, Attachment> attachments;
    private final NetworkRegistry registry;
    private final ContainerDirectory containers;

    NameTable(String self, Map<String, Attachment> attachments, NetworkRegistry registry, ContainerDirectory containers) {
        this.self = self;
        this.attachments = attachments;
        this.registry = registry;
        this.containers = containers;
    }

    @Override
    public List<InetAddress> lookup(String name) {
        List<InetAddress> out = new ArrayList<>();
        String q = name.toLowerCase(Locale.ROOT);
        for (NetworkRecord n : myNetworks()) {
            String bare = q.endsWith("." + n.name().toLowerCase(Locale.ROOT)) ? q.substring(0, q.length() - n.name().length() - 1) : q;
            for (Attachment a : attachments.values()) {
                if (a.sandbox() == null) continue;
                LiveEndpoint e = a.sandbox().endpoint(n.id());
                if (e == null || !answers(a, n, bare)) continue;
                InetAddress ip = Addresses.parse(e.ip());
                if (!out.contains(ip)) out.add(ip);
            }
            if (out.isEmpty()) linked(n, bare, out);
        }
        return out;
    }

    /**
     * --link NAME:ALIAS on a user network: ALIAS (and NAME) resolve for the linking container only,
     * to the target's address on that network, as libnetwork's per-sandbox link aliases do.
     */
    private void linked(NetworkRecord n, String q, List<InetAddress> out) {
        Attachment me = attachments.get(self);
        Membership mine = me == null ? null : me.membership(n.id());
        if (mine == null) return;
        for (String l : mine.links()) {
            String[] p = l.split(":", 2);
            String target = p[0].startsWith("/") ? p[0].substring(1) : p[0];
            String alias = p.length > 1 ? p[1].substring(p[1].lastIndexOf('/') + 1) : target;
            if (!alias.toLowerCase(Locale.ROOT).equals(q)) continue;
            String tid = containers.idOf(target);
            Attachment t = tid == null ? null : attachments.get(tid);
            LiveEndpoint e = t == null || t.sandbox() == null ? null : t.sandbox().endpoint(n.id());
            if (e != null) {
                InetAddress ip = Addresses.parse(e.ip());
                if (!out.contains(ip)) out.add(ip);
            }
        }
    }

    private boolean answers(Attachment a, NetworkRecord n, String q) {
        String id = a.containerId();
        if (q.equals(id) || (q.length() == 12 && id.startsWith(q))) return true;
        String name = containers.containerName(id);
        if (name != null && name.toLowerCase(Locale.ROOT).equals(q)) return true;
        Membership m = a.membership(n.id());
        if (m != null) for (String alias : m.aliases()) if (alias.toLowerCase(Locale.ROOT).equals(q)) return true;
        return false;
    }

    @Override
    public String reverse(InetAddress addr) {
        String ip = addr.getHostAddress();
        for (NetworkRecord n : myNetworks()) {
            for (Attachment a : attachments.values()) {
                if (a.sandbox() == null) continue;
                LiveEndpoint e = a.sandbox().endpoint(n.id());
                if (e != null && e.ip().equals(ip)) {
                    String name = containers.containerName(a.containerId());
                    return (name == null ? a.containerId().substring(0, 12) : name) + "." + n.name();
                }
            }
        }
        return null;
    }

    /** The user-defined networks this container is on now (the default bridge has no name resolution). */
    private List<NetworkRecord> myNetworks() {
        Attachment me = attachments.get(self);
        List<NetworkRecord> out = new ArrayList<>();
        if (me == null || me.sandbox() == null) return out;
        for (LiveEndpoint e : me.sandbox().endpoints()) {
            NetworkRecord n = registry.byId(e.networkId());
            if (n != null && !n.isDefaultBridge()) out.add(n);
        }
        return out;
    }
}
