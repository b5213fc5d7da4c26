package dev.berth.runtime.launch;

import dev.berth.common.BerthException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the C helper is asked to do, as data: a flat list of NUL-terminated strings, each key followed
 * by its fixed number of values (see berth-nsexec/src/main/c/plan.c for the keys). Pure; golden-tested.
 */
public final class LaunchPlan {
    private final List<String> tokens = new ArrayList<>();

    public LaunchPlan add(String key, Object... values) {
        tokens.add(key);
        for (Object v : values) {
            String s = String.valueOf(v);
            if (s.indexOf('\0') >= 0) throw BerthException.invalid("%s: value contains a NUL byte", key);
            tokens.add(s);
        }
        return this;
    }

    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        for (String t : tokens) {
            out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
