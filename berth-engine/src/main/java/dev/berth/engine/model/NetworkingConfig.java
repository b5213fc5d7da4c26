package dev.berth.engine.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The create body's NetworkingConfig: the endpoint settings per network name ("default", "bridge", "mynet"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record NetworkingConfig(@JsonProperty("EndpointsConfig") Map<String, EndpointSettings> endpointsConfig) {
    public NetworkingConfig {
        endpointsConfig = Immutable.map(endpointsConfig);
    }
}
