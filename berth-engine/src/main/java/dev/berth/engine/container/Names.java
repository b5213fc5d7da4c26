package dev.berth.engine.container;

import dev.berth.common.BerthException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Container names and IDs: validation, generation, and lookup by full ID, name, or unique ID
 * prefix (Docker's order). Thread-safe.
 */
public final class Names {
    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final List<String> LEFT = List.of("admiring", "brave", "clever", "dazzling", "eager", "focused", "gallant",
            "happy", "inspiring", "jolly", "keen", "loving", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed",
            "serene", "tender", "upbeat", "vibrant", "wizardly", "youthful", "zealous");
    private static final List<String> RIGHT = List.of("archimedes", "bohr", "curie", "darwin", "euler", "faraday", "galileo",
            "hopper", "joliot", "kepler", "lovelace", "meitner", "noether", "ohm", "pascal", "ramanujan", "sagan", "tesla",
            "turing", "volta", "wozniak", "yalow", "zuse");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> byName = new HashMap<>();
    private final TreeMap<String, String> ids = new TreeMap<>();

    public static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** "/name" from a user's "name" or "/name"; INVALID_ARGUMENT with Docker's text when malformed. */
    public static String normalize(String name) {
        if (!VALID.matcher(name).matches())
            throw BerthException.invalid("Invalid container name (%s), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", name);
        return name.startsWith("/") ? name : "/" + name;
    }

    public synchronized String reserve(String name, String id) {
        String n;
        if (name == null || name.isEmpty()) {
            do {
                n = "/" + LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
            } while (byName.containsKey(n));
        } else {
            n = normalize(name);
            String owner = byName.get(n);
            if (owner != null && !owner.equals(id))
                throw BerthException.conflict("Conflict. The container name \"%s\" is already in use by container \"%s\". You have to remove (or rename) that container to be able to reuse that name.", n, owner);
        }
        byName.put(n, id);
        ids.put(id, n);
        return n;
    }

    public synchronized void release(String id) {
        String n = ids.remove(id);
        if (n != null) byName.remove(n, id);
    }

    public synchronized void rename(String id, String newName) {
        String n = normalize(newName);
        String owner = byName.get(n);
        if (owner != null) {
            if (owner.equals(id)) throw BerthException.invalid("Renaming a container with the same name as its current name");
            throw BerthException.conflict("Conflict. The container name \"%s\" is already in use by container \"%s\". You have to remove (or rename) that container to be able to reuse that name.", n, owner);
        }
        String old = ids.get(id);
        if (old != null) byName.remove(old);
        byName.put(n, id);
        ids.put(id, n);
    }

    /** The ID for a full ID, a name, or a unique ID prefix; NOT_FOUND with Docker's text otherwise. */
    public synchronized String resolve(String ref) {
        return find(ref).orElseThrow(() -> BerthException.notFound("No such container: %s", ref));
    }

    public synchronized Optional<String> find(String ref) {
        if (ref == null || ref.isEmpty()) return Optional.empty();
        if (ids.containsKey(ref)) return Optional.of(ref);
        String byN = byName.get(ref.startsWith("/") ? ref : "/" + ref);
        if (byN != null) return Optional.of(byN);
        if (!ref.matches("[0-9a-f]+")) return Optional.empty();
        var tail = ids.tailMap(ref, true);
        String match = null;
        for (String id : tail.keySet()) {
            if (!id.startsWith(ref)) break;
            if (match != null) throw BerthException.invalid("multiple IDs found with provided prefix: %s", ref);
            match = id;
        }
        return Optional.ofNullable(match);
    }

    public synchronized String nameOf(String id) {
        return ids.get(id);
    }
}
