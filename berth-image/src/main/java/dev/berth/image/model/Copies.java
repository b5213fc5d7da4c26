package dev.berth.image.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep null as null and keep map order (documents we write must hash the same every time). */
final class Copies {
    private Copies() {}

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * Unknown JSON fields, sorted by name: Jackson hands them over in hash order, and a document we
     * write must come out the same every time. Null values are allowed.
     */
    static Map<String, Object> extras(Map<String, Object> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new java.util.TreeMap<>(m));
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(l));
    }
}
