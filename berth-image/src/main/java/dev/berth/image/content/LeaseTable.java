package dev.berth.image.content;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The open leases of one store. Its monitor also orders "protect then rename" in commits against
 * "check then delete" in deletes, so a blob cannot be deleted between the two steps of either.
 */
final class LeaseTable implements Leaser {
    private final Map<Long, Set<Digest>> open = new HashMap<>();
    private long nextId;

    @Override
    public synchronized Lease lease(String purpose) {
        long id = nextId++;
        open.put(id, new HashSet<>());
        return new Lease() {
            @Override
            public String purpose() {
                return purpose;
            }

            @Override
            public void add(Digest digest) {
                synchronized (LeaseTable.this) {
                    Set<Digest> set = open.get(id);
                    if (set == null) throw new IllegalStateException("lease \"" + purpose + "\" is closed");
                    set.add(digest);
                }
            }

            @Override
            public void close() {
                synchronized (LeaseTable.this) {
                    open.remove(id);
                }
            }
        };
    }

    @Override
    public synchronized Set<Digest> leased() {
        Set<Digest> all = new HashSet<>();
        open.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    synchronized boolean isLeased(Digest digest) {
        for (Set<Digest> set : open.values()) if (set.contains(digest)) return true;
        return false;
    }
}
