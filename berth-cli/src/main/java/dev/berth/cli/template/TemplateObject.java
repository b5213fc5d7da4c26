package dev.berth.cli.template;

import java.util.List;

/**
 * A value with Go-style fields and methods, such as docker's formatter contexts ({{.ID}},
 * {{.Label "k"}}). Plain data is given as Map, List, String, Number, Boolean or null instead.
 */
public interface TemplateObject {
    /** Sentinel: the object has no such field or method. */
    Object NO_SUCH_FIELD = new Object();

    /** The field's value, or the method's result for the arguments; {@link #NO_SUCH_FIELD} if unknown. */
    Object field(String name, List<Object> args);

    /** The Go type name used in error messages, e.g. "*formatter.ContainerContext". */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
