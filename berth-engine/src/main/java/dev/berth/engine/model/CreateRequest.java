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
        try {
            ContainerConfig config = mapper.treeToValue(body, ContainerConfig.class);
            JsonNode host = field(body, "HostConfig");
            JsonNode net = field(body, "NetworkingConfig");
            return new CreateRequest(config,
                    host == null ? null : mapper.treeToValue(host, HostConfig.class),
                    net == null ? null : mapper.treeToValue(net, NetworkingConfig.class));
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("malformed container config: %s", e.getOriginalMessage());
        }
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
