package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}: ONE flat JSON object holding every
 * {@link ContainerConfig} field at the top level plus "HostConfig" and "NetworkingConfig" objects
 * (Docker's runconfig ContainerConfigWrapper). Jackson 2.18 cannot unwrap into a record, so the
 * JSON shape is built by hand here: {@link #fromJson} splits the object, {@link #toJson} joins it.
 *
 * @param config never null (an empty body object gives an all-null config)
 * @param hostConfig null when the body has none
 * @param networkingConfig null when the body has none
 */
public record CreateRequest(ContainerConfig config, HostConfig hostConfig, NetworkingConfig networkingConfig) {
    public CreateRequest {
        if (config == null) config = ContainerConfig.builder().build();
    }

    /** Splits a create body; field names match in any case, as Go's decoder does. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CreateRequest fromJson(ObjectNode body) {
        ObjectMapper mapper = Json.mapper();
        JsonNode host = field(body, "HostConfig");
        JsonNode net = field(body, "NetworkingConfig");
        // Which part is being read, for errors: Docker names a field by its path from the body.
        String part = null;
        JsonNode partNode = body;
        try {
            ContainerConfig config = mapper.treeToValue(body, ContainerConfig.class);
            part = "HostConfig";
            partNode = host;
            HostConfig hostConfig = host == null ? null : mapper.treeToValue(host, HostConfig.class);
            part = "NetworkingConfig";
            partNode = net;
            return new CreateRequest(config, hostConfig, net == null ? null : mapper.treeToValue(net, NetworkingConfig.class));
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("malformed container config: %s", typeError(e, part, partNode));
        }
    }

    /**
     * A wrong-typed field as Go's decoder words it, e.g. "json: cannot unmarshal string into Go
     * struct field HostConfig.HostConfig.Memory of type int64"; other errors as Jackson says them.
     */
    private static String typeError(JsonProcessingException e, String part, JsonNode partNode) {
        if (!(e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) || m.getPath().isEmpty())
            return e.getOriginalMessage();
        java.util.List<String> fields = new java.util.ArrayList<>();
        if (part != null) fields.add(part);
        Class<?> owner = null;
        JsonNode value = partNode;
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                Object from = ref.getFrom();
                owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
                fields.add(ref.getFieldName());
                value = value instanceof ObjectNode o ? field(o, ref.getFieldName()) : null;
            } else if (ref.getIndex() >= 0) {
                value = value != null && value.isArray() ? value.get(ref.getIndex()) : null;
            }
        }
        // Go names the struct holding the last field; Config's fields sit in the wrapper it is embedded in.
        if (owner != null && owner.getEnclosingClass() != null && owner.getSimpleName().equals("Builder")) owner = owner.getEnclosingClass();
        String struct = owner == null || owner == ContainerConfig.class || java.util.Map.class.isAssignableFrom(owner)
                ? (part == null ? "ContainerConfigWrapper" : part) : owner.getSimpleName();
        return String.format("json: cannot unmarshal %s into Go struct field %s.%s of type %s", jsonKind(value), struct,
                String.join(".", fields), goType(m.getTargetType()));
    }

    private static String jsonKind(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isTextual()) return "string";
        if (n.isNumber()) return "number";
        if (n.isBoolean()) return "bool";
        return n.isArray() ? "array" : "object";
    }

    private static String goType(Class<?> t) {
        if (t == null) return "object";
        if (t == Long.class || t == long.class) return "int64";
        if (t == Integer.class || t == int.class) return "int";
        if (t == Short.class || t == short.class) return "int16";
        if (t == Double.class || t == double.class) return "float64";
        if (t == Float.class || t == float.class) return "float32";
        if (t == Boolean.class || t == boolean.class) return "bool";
        if (t == String.class || t.isEnum()) return "string";
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) return "array";
        return "object";
    }

    /** The flat JSON object Docker's clients send; null parts are left out. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectMapper mapper = Json.mapper();
        ObjectNode out = mapper.valueToTree(config);
        if (hostConfig != null) out.set("HostConfig", mapper.valueToTree(hostConfig));
        if (networkingConfig != null) out.set("NetworkingConfig", mapper.valueToTree(networkingConfig));
        return out;
    }

    /**
     * The create body's bytes parsed; INVALID_ARGUMENT for an empty body ("EOF", as Go's decoder
     * says), malformed JSON or a body that is not an object. A JSON null is an empty request.
     */
    public static CreateRequest parse(byte[] body) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw BerthException.invalid("malformed container config: EOF");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw BerthException.invalid("malformed container config: %s", msg);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) return new CreateRequest(null, null, null);
        if (!(tree instanceof ObjectNode object)) {
            throw BerthException.invalid("malformed container config: expected a JSON object, got %s",
                    tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return fromJson(object);
    }

    private static JsonNode field(ObjectNode body, String name) {
        JsonNode exact = body.get(name);
        if (exact == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(name)) {
                    exact = e.getValue();
                    break;
                }
            }
        }
        return exact == null || exact.isNull() ? null : exact;
    }
}
