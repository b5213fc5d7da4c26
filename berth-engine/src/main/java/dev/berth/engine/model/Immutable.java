package dev.berth.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unmodifiable copies that keep null as null, keep order and allow null elements (JSON may hold them). */
final class Immutable {
    private Immutable() {}

    static <T> List<T> list(List<T> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
