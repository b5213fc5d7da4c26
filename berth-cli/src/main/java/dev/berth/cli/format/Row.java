package dev.berth.cli.format;

import dev.berth.cli.template.TemplateObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One row of a docker table (a container, an image, a history entry): named string fields
 * ({{.ID}}, {{.Status}}), the {{.Label "k"}} method, and {{json .}} as a sorted object like
 * docker's formatter contexts marshal themselves.
 */
public final class Row implements TemplateObject, GoJson.Marshaler {
    private final String typeName;
    private final Map<String, Object> fields;
    private final Map<String, String> labels;
    private final Set<String> used = new HashSet<>();

    public Row(String typeName, Map<String, Object> fields, Map<String, String> labels) {
        this.typeName = typeName;
        this.fields = fields;
        this.labels = labels;
    }

    @Override
    public Object field(String name, List<Object> args) {
        used.add(name);
        if (name.equals("Label") && labels != null) {
            if (args.size() != 1) return NO_SUCH_FIELD;
            String v = labels.get(String.valueOf(args.get(0)));
            return v == null ? "" : v;
        }
        if (!args.isEmpty() || !fields.containsKey(name)) return NO_SUCH_FIELD;
        return fields.get(name);
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Map<String, Object> toJsonMap() {
        used.addAll(fields.keySet());
        return new TreeMap<>(fields);
    }

    /** Whether a template read this field (ps asks the daemon for sizes only when {{.Size}} is used). */
    public boolean used(String name) {
        return used.contains(name);
    }

    /** docker's SubHeaderContext: header names by field, and Label "a.b-c" giving "b c". */
    public static TemplateObject header(Map<String, String> names) {
        return new TemplateObject() {
            @Override
            public Object field(String name, List<Object> args) {
                if (name.equals("Label") && args.size() == 1) {
                    String n = String.valueOf(args.get(0));
                    String last = n.substring(n.lastIndexOf('.') + 1);
                    return last.replace('-', ' ').replace('_', ' ');
                }
                if (!args.isEmpty()) return NO_SUCH_FIELD;
                String v = names.get(name);
                return v == null ? "<no value>" : v;
            }

            @Override
            public String typeName() {
                return "formatter.SubHeaderContext";
            }
        };
    }
}
